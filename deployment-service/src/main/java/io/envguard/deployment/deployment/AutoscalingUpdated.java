package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.envguard.deployment.consistency.Revisioned;

/**
 * The answer to an autoscaling change: Baseten's {@code UpdateAutoscalingSettingsResponseV1} ({@code status},
 * {@code message}) with the deployment as changed as an extra. The change is made within the call, so it is
 * {@code ACCEPTED} (never {@code QUEUED}).
 */
public record AutoscalingUpdated(String status, String message, DeploymentView deployment,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Long revision) implements Revisioned {

    public static AutoscalingUpdated of(DeploymentView deployment) {
        return new AutoscalingUpdated("ACCEPTED", "autoscaling settings of deployment " + deployment.id() + " updated",
                deployment, null);
    }

    @Override
    public AutoscalingUpdated withRevision(Long revision) {
        return new AutoscalingUpdated(status, message, deployment.withRevision(revision), revision);
    }
}
