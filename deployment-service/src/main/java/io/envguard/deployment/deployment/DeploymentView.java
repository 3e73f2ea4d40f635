package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.authz.Revisioned;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deployment as the API shows it; {@code environment} names where it is current, or null; {@code revision} only in
 * the answer to a change.
 */
public record DeploymentView(
        UUID id,
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID modelId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId,
        String status,
        String environment,
        String instanceType,
        AutoscalingSettings autoscalingSettings,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChainletView> chainlets,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    public static DeploymentView of(Workload workload, Deployment deployment, String environment, List<ChainletView> chainlets) {
        boolean model = workload.kind == WorkloadKind.MODEL;
        return new DeploymentView(deployment.id, deployment.name, model ? workload.id : null, model ? null : workload.id,
                deployment.status.name(), environment, deployment.instanceType, deployment.autoscaling,
                model ? null : chainlets, deployment.createdAt, null);
    }

    /** The same deployment, shown as current in the given environment. */
    public DeploymentView inEnvironment(String name) {
        return new DeploymentView(id, this.name, modelId, chainId, status, name, instanceType, autoscalingSettings, chainlets,
                createdAt, revision);
    }

    @Override
    public DeploymentView withRevision(Long revision) {
        return new DeploymentView(id, name, modelId, chainId, status, environment, instanceType, autoscalingSettings, chainlets,
                createdAt, revision);
    }
}
