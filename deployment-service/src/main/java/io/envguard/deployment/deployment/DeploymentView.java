package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deployment as the API shows it: Baseten's {@code DeploymentV1} for a model, its {@code ChainDeploymentV1} for a
 * chain (the model fields are extras there). A chain deployment carries the chain's id as {@code model_id} too: the
 * spec lists a chain's environments as {@code EnvironmentV1}, whose deployments are {@code DeploymentV1}s, which
 * require it. {@code environment} names where it is current, or null; {@code revision} only in the answer to a change.
 */
public record DeploymentView(
        UUID id,
        String name,
        UUID modelId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId,
        boolean isProduction,
        boolean isDevelopment,
        String status,
        int activeReplicaCount,
        String environment,
        String instanceTypeName,
        AutoscalingSettings autoscalingSettings,
        RequestBackpressureSettings requestBackpressureSettings,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChainletView> chainlets,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    /**
     * @param environment   the environment it shows as current, or null
     * @param isProduction  whether it is current in {@code production}
     * @param isDevelopment whether it is the model's development deployment ({@link DeploymentService#developmentOf})
     */
    public static DeploymentView of(Workload workload, Deployment deployment, String environment, boolean isProduction,
                                    boolean isDevelopment, List<Chainlet> chainlets) {
        boolean model = workload.kind == WorkloadKind.MODEL;
        int replicas = deployment.activeReplicas(environment != null);
        return new DeploymentView(deployment.id, deployment.name, workload.id, model ? null : workload.id,
                isProduction, isDevelopment, deployment.status.name(), replicas, environment, deployment.instanceType,
                deployment.autoscaling, RequestBackpressureSettings.of(deployment),
                model ? null : chainlets.stream().map(chainlet -> ChainletView.of(chainlet, deployment, replicas)).toList(),
                deployment.createdAt, null);
    }

    /** The same deployment, shown as current in the given environment. */
    public DeploymentView inEnvironment(String name) {
        return new DeploymentView(id, this.name, modelId, chainId, isProduction, isDevelopment, status, activeReplicaCount,
                name, instanceTypeName, autoscalingSettings, requestBackpressureSettings, chainlets, createdAt, revision);
    }

    @Override
    public DeploymentView withRevision(Long revision) {
        return new DeploymentView(id, name, modelId, chainId, isProduction, isDevelopment, status, activeReplicaCount,
                environment, instanceTypeName, autoscalingSettings, requestBackpressureSettings, chainlets, createdAt, revision);
    }
}
