package io.envguard.deployment.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.authz.Revisioned;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.DeploymentView;

import java.time.Instant;
import java.util.UUID;

/**
 * An environment as the API shows it. Promotions complete within the call, so {@code in_progress_promotion} and
 * {@code candidate_deployment} are null once a call has returned; {@code autoscaling_settings} are those of the
 * current deployment; {@code revision} only in the answer to a change.
 */
public record EnvironmentView(
        String name,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID modelId,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID chainId,
        Instant createdAt,
        DeploymentView currentDeployment,
        DeploymentView candidateDeployment,
        AutoscalingSettings autoscalingSettings,
        PromotionSettings promotionSettings,
        Object inProgressPromotion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    @Override
    public EnvironmentView withRevision(Long revision) {
        return new EnvironmentView(name, modelId, chainId, createdAt, currentDeployment, candidateDeployment,
                autoscalingSettings, promotionSettings, inProgressPromotion, revision);
    }
}
