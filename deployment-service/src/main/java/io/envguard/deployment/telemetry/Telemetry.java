package io.envguard.deployment.telemetry;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.deployment.Chainlet;
import io.envguard.deployment.deployment.ChainletView;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.deployment.DeploymentService;
import io.envguard.deployment.environment.EnvironmentService;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Logs and metrics of deployments, environments and chainlets, from the stand-in runtime. Reads: open to every member
 * who can see the model or chain, restricted environments included, and never asked about.
 */
@ApplicationScoped
public class Telemetry {

    private final WorkloadService workloads;
    private final DeploymentService deployments;
    private final EnvironmentService environments;

    Telemetry(WorkloadService workloads, DeploymentService deployments, EnvironmentService environments) {
        this.workloads = workloads;
        this.deployments = deployments;
        this.environments = environments;
    }

    public Uni<Logs> deploymentLogs(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef, LogQuery query) {
        LogQuery.Resolved resolved = resolved(query);
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> deployments.resolve(caller, workload, deploymentRef, "deployment_id")
                        .flatMap(deployment -> linesOf(workload, deployment))))
                .map(lines -> RuntimeLogs.query(lines, resolved));
    }

    /** The logs of the deployment current in the environment (none when it has none). */
    public Uni<Logs> environmentLogs(Caller caller, WorkloadKind kind, String workloadId, String name, LogQuery query) {
        LogQuery.Resolved resolved = resolved(query);
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> current(workload, name).flatMap(deployment -> deployment == null
                        ? Uni.createFrom().item(List.<RuntimeLogs.Line>of())
                        : linesOf(workload, deployment))))
                .map(lines -> RuntimeLogs.query(lines, resolved));
    }

    /** The logs of one chainlet of a chain deployment; chainlets are named by their name, unique in the deployment. */
    public Uni<Logs> chainletLogs(Caller caller, String chainId, String deploymentRef, String chainletId, LogQuery query) {
        LogQuery.Resolved resolved = resolved(query);
        return Panache.withSession(() -> workloads.visible(caller, WorkloadKind.CHAIN, chainId)
                .flatMap(chain -> deployments.resolve(caller, chain, deploymentRef, "chain_deployment_id"))
                .flatMap(deployment -> Chainlet.<Chainlet>findById(
                                new Chainlet.Key(deployment.id, ChainletView.nameOf(deployment.id, chainletId)))
                        .map(chainlet -> {
                            if (chainlet == null) {
                                throw ApiException.notFound("chainlet " + chainletId);
                            }
                            return RuntimeLogs.ofChainlet(deployment, chainlet);
                        })))
                .map(lines -> RuntimeLogs.query(lines, resolved));
    }

    /** The metrics of the deployment; it runs at least one replica while it is current somewhere. */
    public Uni<Metrics> deploymentMetrics(Caller caller, WorkloadKind kind, String workloadId, String deploymentRef,
                                          MetricsQuery query) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                .flatMap(workload -> deployments.resolve(caller, workload, deploymentRef, "deployment_id")
                        .flatMap(deployment -> Environment.<Environment>list("workloadId", workload.id)
                                .map(all -> RuntimeMetrics.of(deployment,
                                        !DeploymentService.environmentsServing(deployment.id, all).isEmpty(), query)))));
    }

    /** The metrics of the environment: those of its current deployment (no data when it has none). */
    public Uni<Metrics> environmentMetrics(Caller caller, WorkloadKind kind, String workloadId, String name, MetricsQuery query) {
        return Panache.withSession(() -> workloads.visible(caller, kind, workloadId)
                        .flatMap(workload -> current(workload, name)))
                .map(deployment -> RuntimeMetrics.of(deployment, true, query));
    }

    private static LogQuery.Resolved resolved(LogQuery query) {
        LogQuery given = query != null ? query : new LogQuery(null, null, null, null, null, null, null, null, null, null, null);
        return given.resolve(Instant.now());
    }

    /** The environment's current deployment, or null; 404 when there is no such environment. */
    private Uni<Deployment> current(Workload workload, String name) {
        return environments.find(workload, name).flatMap(environment -> environment.currentDeploymentId == null
                ? Uni.createFrom().nullItem()
                : Deployment.<Deployment>findById(environment.currentDeploymentId));
    }

    private static Uni<List<RuntimeLogs.Line>> linesOf(Workload workload, Deployment deployment) {
        return Environment.<Environment>list("workloadId", workload.id)
                .map(all -> RuntimeLogs.ofDeployment(deployment, DeploymentService.environmentsServing(deployment.id, all)));
    }
}
