package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What one write changes, as read: the environment it names (or null) and the deployments whose row it writes
 * (settings, status, instance type, chainlets). {@link #changes()} is the one rule for which environments' served state
 * that alters, and so which environments the write is checked against: the named one, and every environment of the model
 * or chain where a written deployment is current or is being promoted into — whatever path the write came through.
 *
 * @param action           what the write does to the environment it names
 * @param environment      the environment the path names, or null
 * @param deploymentAction what the write does to the environments that serve a written deployment
 * @param deployments      the deployments whose row the write changes
 * @param environments     every environment of the model or chain, as read with the rest
 * @param deploymentId     the deployment the audit entry names, or null
 * @param details          what was asked, for the audit entry
 * @param removesWorkload  whether the write removes the model or chain itself, and so every environment of it
 */
public record Effect(Workload workload, Action action, String environment, Action deploymentAction,
                     Set<UUID> deployments, List<Environment> environments, UUID deploymentId, Object details,
                     boolean removesWorkload) {

    public Effect(Workload workload, Action action, String environment, Action deploymentAction,
                  Set<UUID> deployments, List<Environment> environments, UUID deploymentId, Object details) {
        this(workload, action, environment, deploymentAction, deployments, environments, deploymentId, details, false);
    }

    /** A write that names an environment and writes no deployment (creating or deleting an environment). */
    public static Effect onEnvironment(Workload workload, Action action, String environment, UUID deploymentId, Object details) {
        return new Effect(workload, action, environment, action, Set.of(), List.of(), deploymentId, details);
    }

    /**
     * Deleting the model or chain: every environment of it, as read, goes with it and is checked with {@code action}
     * (an environment that serves nothing too, as deleting it alone would be).
     */
    public static Effect removingWorkload(Workload workload, Action action, List<Environment> environments, Object details) {
        return new Effect(workload, action, null, action, Set.of(), environments, null, details, true);
    }

    /**
     * One change per environment whose served state the write alters: the named environment first with the write's
     * action, then the others by name with {@link #deploymentAction} — or, when the write removes the model or chain,
     * every environment by name with the write's action. A write that alters no environment is one change without an
     * environment, which needs no decision and is audited all the same.
     */
    public List<Change> changes() {
        Map<String, Action> touched = new LinkedHashMap<>();
        if (environment != null) {
            touched.put(environment, action);
        }
        if (removesWorkload) {
            environments.stream().map(candidate -> candidate.name).sorted().forEach(name -> touched.putIfAbsent(name, action));
        }
        servingWritten(deployments, environments).forEach(name -> touched.putIfAbsent(name, deploymentAction));
        if (touched.isEmpty()) {
            return List.of(new Change(action, null, workload, deploymentId, details));
        }
        List<Change> changes = new ArrayList<>();
        touched.forEach((name, what) -> changes.add(new Change(what, name, workload, deploymentId, details)));
        return changes;
    }

    /** The names of the environments where one of the deployments is current or is being promoted into, sorted. */
    static List<String> servingWritten(Collection<UUID> deployments, Collection<Environment> environments) {
        return environments.stream()
                .filter(candidate -> isOneOf(candidate.currentDeploymentId, deployments)
                        || isOneOf(candidate.candidateDeploymentId, deployments))
                .map(candidate -> candidate.name)
                .distinct()
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    private static boolean isOneOf(UUID id, Collection<UUID> deployments) {
        return id != null && deployments.contains(id);
    }
}
