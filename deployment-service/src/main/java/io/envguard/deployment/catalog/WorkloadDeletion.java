package io.envguard.deployment.catalog;

import io.envguard.deployment.authz.Action;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.deployment.Chainlet;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.guard.Effect;
import io.envguard.deployment.guard.GuardedWrites;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.deployment.workload.WorkloadTombstone;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/**
 * Deleting a model or chain with everything of it: its environments, deployments and chainlets. Every environment goes
 * with it, so the deletion is checked with {@code MANAGE_ENVIRONMENT} against each one (as deleting that environment
 * alone would be, {@code production} included), and made under the model's or chain's lock after reading its
 * environments again: one created meanwhile is checked too.
 */
@ApplicationScoped
public class WorkloadDeletion {

    private static final Map<String, Object> DETAILS = Map.of("deleted", true);

    private final WorkloadService workloads;
    private final GuardedWrites writes;

    WorkloadDeletion(WorkloadService workloads, GuardedWrites writes) {
        this.workloads = workloads;
        this.writes = writes;
    }

    /** The model or chain as read, with every environment of it. */
    private record Doomed(Workload workload, List<Environment> environments) {
    }

    public Uni<WorkloadTombstone> delete(Caller caller, WorkloadKind kind, String id) {
        return writes.<Doomed, WorkloadTombstone>runAsking(caller, workloads.placement(kind, id),
                () -> workloads.visible(caller, kind, id),
                // Every model and chain has production: asked about before the rest is read.
                workload -> List.of(new Change(Action.MANAGE_ENVIRONMENT, Environment.PRODUCTION, workload, null, DETAILS)),
                workload -> Environment.<Environment>list("workloadId", workload.id)
                        .map(environments -> new Doomed(workload, environments)),
                doomed -> Effect.removingWorkload(doomed.workload(), Action.MANAGE_ENVIRONMENT, doomed.environments(), DETAILS),
                doomed -> {
                    Workload workload = doomed.workload();
                    // Environments point at deployments, and chainlets belong to them: removed in that order.
                    return Environment.delete("workloadId", workload.id)
                            .chain(() -> Chainlet.delete(
                                    "key.deploymentId in (select d.id from Deployment d where d.workloadId = ?1)", workload.id))
                            .chain(() -> Deployment.delete("workloadId", workload.id))
                            .chain(workload::delete)
                            .chain(Panache::flush)
                            .map(ignored -> new WorkloadTombstone(workload.id, true, null));
                });
    }
}
