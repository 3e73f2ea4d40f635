package io.envguard.deployment.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.ChainletEnvironmentSettings;
import io.envguard.deployment.deployment.DeploymentSettings;
import io.envguard.deployment.deployment.DeploymentView;
import io.envguard.deployment.deployment.InstanceType;
import io.envguard.deployment.deployment.RequestBackpressureSettings;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.PromotionSettings;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An environment as the API shows it: Baseten's {@code EnvironmentV1} for a model, its {@code ChainEnvironmentV1} for a
 * chain (with {@code chainlet_settings}). Promotions complete within the call, so {@code in_progress_promotion} and
 * {@code candidate_deployment} are null once a call has returned. {@code autoscaling_settings} and
 * {@code instance_type} are those of the current deployment, or the defaults a deployment starts with while there is
 * none; {@code revision} only in the answer to a change. A chain's environment carries the chain's id as
 * {@code model_id} too: the spec lists a chain's environments as {@code EnvironmentV1}, which requires it.
 */
public record EnvironmentView(
        String name,
        UUID modelId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId,
        Instant createdAt,
        DeploymentView currentDeployment,
        DeploymentView candidateDeployment,
        AutoscalingSettings autoscalingSettings,
        PromotionSettings promotionSettings,
        InstanceType instanceType,
        RequestBackpressureSettings requestBackpressureSettings,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ChainletEnvironmentSettings> chainletSettings,
        Object inProgressPromotion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    static EnvironmentView of(Workload workload, Environment environment, DeploymentView current, DeploymentView candidate) {
        boolean model = workload.kind == WorkloadKind.MODEL;
        DeploymentView shown = current == null ? null : current.inEnvironment(environment.name);
        List<ChainletEnvironmentSettings> chainlets = model ? null : shown == null ? List.of()
                : shown.chainlets().stream().map(chainlet -> ChainletEnvironmentSettings.of(chainlet.name(),
                        chainlet.autoscalingSettings(), chainlet.instanceTypeName())).toList();
        return new EnvironmentView(environment.name, workload.id, model ? null : workload.id,
                environment.createdAt, shown, candidate,
                shown == null ? AutoscalingSettings.DEFAULTS : shown.autoscalingSettings(),
                environment.promotionSettings,
                InstanceType.of(shown == null ? DeploymentSettings.DEFAULT_INSTANCE_TYPE : shown.instanceTypeName()),
                shown == null ? RequestBackpressureSettings.NONE : shown.requestBackpressureSettings(), chainlets, null, null);
    }

    @Override
    public EnvironmentView withRevision(Long revision) {
        return new EnvironmentView(name, modelId, chainId, createdAt, currentDeployment, candidateDeployment,
                autoscalingSettings, promotionSettings, instanceType, requestBackpressureSettings, chainletSettings,
                inProgressPromotion, revision);
    }
}
