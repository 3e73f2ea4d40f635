package io.envguard.deployment.environment;

import io.envguard.deployment.deployment.AutoscalingSettings;

/**
 * Body of {@code POST .../environments} ({@code name} required) and {@code PATCH .../environments/{env_name}}
 * ({@code name} not accepted). {@code autoscaling_settings} apply to the environment's current deployment.
 */
public record EnvironmentRequest(String name, PromotionSettings promotionSettings, AutoscalingSettings autoscalingSettings) {
}
