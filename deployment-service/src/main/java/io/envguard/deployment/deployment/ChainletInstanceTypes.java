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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instance types of the chainlets of a chain environment's current deployment, changed in place. The chainlets belong
 * to that deployment, so the change is checked with {@code UPDATE_DEPLOYMENT} against the environment and every other
 * environment where the deployment is current ({@link Effect}).
 */
@ApplicationScoped
public class ChainletInstanceTypes {

    private final WorkloadService workloads;
    private final GuardedWrites writes;

    ChainletInstanceTypes(WorkloadService workloads, GuardedWrites writes) {
        this.workloads = workloads;
        this.writes = writes;
    }

    /** The change as read: the environment's current deployment, its chainlets, and their new instance types. */
    private record Retyping(Workload chain, Deployment deployment, List<Environment> environments, List<Chainlet> chainlets,
                            Map<Chainlet, String> instanceTypes) {
    }

    public Uni<ChainletInstanceTypesUpdated> update(Caller caller, String chainId, String name, UpdateChainletInstanceTypes request) {
        validate(request);
        return writes.<Retyping, ChainletInstanceTypesUpdated>runAsking(caller, workloads.placement(WorkloadKind.CHAIN, chainId),
                () -> workloads.visible(caller, WorkloadKind.CHAIN, chainId),
                chain -> List.of(new Change(Action.UPDATE_DEPLOYMENT, name, chain, null, request)),
                chain -> Environment.<Environment>list("workloadId", chain.id).flatMap(all -> {
                    Environment environment = all.stream().filter(candidate -> candidate.name.equals(name)).findFirst()
                            .orElseThrow(() -> ApiException.notFound("environment " + name));
                    if (environment.currentDeploymentId == null) {
                        throw ApiException.validation("environment", "environment " + name + " has no current deployment");
                    }
                    return Deployment.<Deployment>findById(environment.currentDeploymentId)
                            .flatMap(deployment -> Chainlet.<Chainlet>list("key.deploymentId = ?1 order by key.name", deployment.id)
                                    .map(chainlets -> new Retyping(chain, deployment, all, chainlets, retyped(chainlets, request))));
                }),
                // The chainlets belong to the current deployment: every environment it is current in changes.
                retyping -> new Effect(retyping.chain(), Action.UPDATE_DEPLOYMENT, name, Action.UPDATE_DEPLOYMENT,
                        Set.of(retyping.deployment().id), retyping.environments(), retyping.deployment().id, request),
                retyping -> {
                    retyping.instanceTypes().forEach((chainlet, instanceType) -> chainlet.instanceType = instanceType);
                    return Panache.flush().map(ignored -> ChainletInstanceTypesUpdated.inPlace(retyping.chainlets().stream()
                            .map(chainlet -> ChainletEnvironmentSettings.of(chainlet.key.name(), chainlet.autoscaling,
                                    chainlet.instanceTypeOr(retyping.deployment().instanceType)))
                            .toList()));
                });
    }

    private static void validate(UpdateChainletInstanceTypes request) {
        if (request == null || request.updates() == null || request.updates().isEmpty()) {
            throw ApiException.validation("updates", "at least one chainlet update is required");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < request.updates().size(); i++) {
            UpdateChainletInstanceTypes.Update update = request.updates().get(i);
            if (update == null || update.chainletName() == null || update.instanceTypeId() == null) {
                problems.put("updates." + i, "needs chainlet_name and instance_type_id");
            } else if (!DeploymentSettings.isValidInstanceType(update.instanceTypeId())) {
                problems.put("updates." + i + ".instance_type_id", DeploymentSettings.INSTANCE_TYPE_RULE);
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
    }

    /** The new instance type of each chainlet the updates name (the last update of one wins); 400 naming unknown ones. */
    private static Map<Chainlet, String> retyped(List<Chainlet> chainlets, UpdateChainletInstanceTypes request) {
        Map<String, String> problems = new LinkedHashMap<>();
        Map<Chainlet, String> instanceTypes = new LinkedHashMap<>();
        for (int i = 0; i < request.updates().size(); i++) {
            UpdateChainletInstanceTypes.Update update = request.updates().get(i);
            Chainlet chainlet = chainlets.stream().filter(c -> c.key.name().equals(update.chainletName())).findFirst().orElse(null);
            if (chainlet == null) {
                problems.put("updates." + i + ".chainlet_name", "no chainlet " + update.chainletName() + " in the current deployment");
            } else {
                instanceTypes.put(chainlet, update.instanceTypeId());
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return instanceTypes;
    }
}
