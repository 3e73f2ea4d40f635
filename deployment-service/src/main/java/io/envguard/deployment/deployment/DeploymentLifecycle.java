package io.envguard.deployment.deployment;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A deployment's lifecycle beyond its settings: activating and deactivating it (named by id, by {@code production} or
 * {@code development}, or as the current deployment of an environment), its request backpressure, and deleting it.
 * Each writes into the deployment's row, so each is checked with {@code UPDATE_DEPLOYMENT} against every environment
 * where the deployment is current ({@link Effect}) — and against the environment its path names — and written under
 * the model's or chain's lock.
 */
@ApplicationScoped
public class DeploymentLifecycle {

    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final GuardedWrites writes;

    DeploymentLifecycle(WorkloadService workloads, DeploymentService deployments, GuardedWrites writes) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.writes = writes;
    }

    /** The deployment written, as read: the environments of its model or chain, and the one its path names (or null). */
    private record Target(Workload workload, Deployment deployment, List<Environment> environments, String environment) {
    }

    public Uni<StatusChanged> activate(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef) {
        return byReference(caller, kind, workloadId, deploymentRef, Map.of("status", DeploymentStatus.ACTIVE),
                target -> setStatus(target, DeploymentStatus.ACTIVE));
    }

    public Uni<StatusChanged> deactivate(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef) {
        return byReference(caller, kind, workloadId, deploymentRef, Map.of("status", DeploymentStatus.INACTIVE),
                target -> setStatus(target, DeploymentStatus.INACTIVE));
    }

    /** Activates the environment's current deployment, wherever else it is current too. */
    public Uni<StatusChanged> activateEnvironment(Caller caller, WorkloadKind kind, String workloadId, String environment) {
        return throughEnvironment(caller, kind, workloadId, environment, Map.of("status", DeploymentStatus.ACTIVE),
                target -> setStatus(target, DeploymentStatus.ACTIVE));
    }

    /** Deactivates the environment's current deployment, wherever else it is current too. */
    public Uni<StatusChanged> deactivateEnvironment(Caller caller, WorkloadKind kind, String workloadId, String environment) {
        return throughEnvironment(caller, kind, workloadId, environment, Map.of("status", DeploymentStatus.INACTIVE),
                target -> setStatus(target, DeploymentStatus.INACTIVE));
    }

    /** Sets (or, with a null policy, clears) the deployment's request backpressure policy. */
    public Uni<RequestBackpressureSettings> updateBackpressure(Caller caller, WorkloadKind kind, String workloadId,
                                                               String deploymentRef, UpdateRequestBackpressureSettings request) {
        // The one field defaults to null, so no body at all clears the policy as {} does.
        BackpressurePolicy policy = request == null ? null : request.policy();
        return byReference(caller, kind, workloadId, deploymentRef, new UpdateRequestBackpressureSettings(policy), target -> {
            target.deployment().backpressurePolicy = policy;
            return Panache.flush().map(ignored -> RequestBackpressureSettings.of(target.deployment()));
        });
    }

    /**
     * Deletes a deployment named by id (the aliases would make a typo delete the wrong one). One that is current in an
     * environment is refused with 409, after the check: promote another there, or delete that environment, first.
     */
    public Uni<DeploymentTombstone> delete(Caller caller, WorkloadKind kind, String workloadId, String deploymentId) {
        if (WorkloadService.parseId(deploymentId) == null) {
            throw ApiException.notFound("deployment " + deploymentId);
        }
        return byReference(caller, kind, workloadId, deploymentId, Map.of("deleted", true), target -> {
            UUID id = target.deployment().id;
            List<String> serving = target.environments().stream()
                    .filter(environment -> id.equals(environment.currentDeploymentId) || id.equals(environment.candidateDeploymentId))
                    .map(environment -> environment.name).sorted().toList();
            if (!serving.isEmpty()) {
                throw ApiException.conflict("deployment " + id + " is current in " + String.join(", ", serving)
                        + "; promote another deployment there, or delete the environment, first");
            }
            return Chainlet.delete("key.deploymentId", id)
                    .chain(() -> target.deployment().delete())
                    .chain(Panache::flush)
                    .map(ignored -> DeploymentTombstone.of(target.workload(), id));
        });
    }

    private static Uni<StatusChanged> setStatus(Target target, DeploymentStatus status) {
        target.deployment().status = status;
        return Panache.flush().map(ignored -> new StatusChanged(true, null));
    }

    /** A write into the deployment a path names by id or alias. */
    private <T> Uni<T> byReference(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef,
                                   Object details, Function<Target, Uni<T>> write) {
        return writes.<Target, T>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                // The production alias names the environment to ask about before the deployment is even read.
                workload -> Environment.PRODUCTION.equals(deploymentRef)
                        ? List.of(new Change(Action.UPDATE_DEPLOYMENT, Environment.PRODUCTION, workload, null, details))
                        : List.of(),
                workload -> deployments.resolve(caller, workload, deploymentRef, "deployment_id")
                        .flatMap(deployment -> Environment.<Environment>list("workloadId", workload.id)
                                .map(all -> new Target(workload, deployment, all, null))),
                target -> effect(target, details),
                write);
    }

    /** A write into the current deployment of the environment a path names; 404 when it has none. */
    private <T> Uni<T> throughEnvironment(Caller caller, WorkloadKind kind, String workloadId, String name,
                                          Object details, Function<Target, Uni<T>> write) {
        return writes.<Target, T>runAsking(caller, workloads.placement(kind, workloadId),
                () -> workloads.visible(caller, kind, workloadId),
                workload -> List.of(new Change(Action.UPDATE_DEPLOYMENT, name, workload, null, details)),
                workload -> Environment.<Environment>list("workloadId", workload.id).flatMap(all -> {
                    Environment environment = all.stream().filter(candidate -> candidate.name.equals(name)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("environment " + name));
                    if (environment.currentDeploymentId == null) {
                        throw ApiException.notFound("no deployment is current in " + name + "; deployment");
                    }
                    return Deployment.<Deployment>findById(environment.currentDeploymentId)
                            .map(deployment -> new Target(workload, deployment, all, name));
                }),
                target -> effect(target, details),
                write);
    }

    private static Effect effect(Target target, Object details) {
        return new Effect(target.workload(), Action.UPDATE_DEPLOYMENT, target.environment(), Action.UPDATE_DEPLOYMENT,
                Set.of(target.deployment().id), target.environments(), target.deployment().id, details);
    }
}
