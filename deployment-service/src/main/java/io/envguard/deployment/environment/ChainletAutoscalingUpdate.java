package io.envguard.deployment.environment;

import io.envguard.deployment.deployment.AutoscalingSettings;

import java.util.List;

/**
 * Body of {@code PATCH /v1/chains/{chain_id}/environments/{env_name}/chainlet_settings/autoscaling_settings}:
 * per chainlet of the environment's current deployment, the settings to change.
 */
public record ChainletAutoscalingUpdate(List<Update> updates) {

    public record Update(String chainletName, AutoscalingSettings autoscalingSettings) {
    }
}
