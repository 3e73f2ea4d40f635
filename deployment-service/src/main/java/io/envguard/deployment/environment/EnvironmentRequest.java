package io.envguard.deployment.environment;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.deployment.deployment.AutoscalingSettings;
import io.envguard.deployment.deployment.RequestBackpressureSettings;
import io.envguard.deployment.workload.PromotionSettings;

/**
 * Body of {@code POST .../environments} ({@code name} required; Baseten's {@code CreateEnvironmentRequestV1} and
 * {@code CreateChainEnvironmentRequestV1}) and {@code PATCH .../environments/{env_name}} ({@code name} not accepted;
 * {@code UpdateEnvironmentRequestV1}, {@code UpdateChainEnvironmentRequestV1}). {@code autoscaling_settings} apply to
 * the environment's current deployment on a PATCH; a new environment has no deployment, so on a POST they are
 * accepted and ignored (it scales as the deployment promoted into it). {@code autoscaling_schedule_settings},
 * {@code request_backpressure_settings} and {@code chainlet_settings} are accepted and ignored: the stand-in runtime has
 * no schedules and no queue, and chainlets take their settings from their deployment.
 */
public record EnvironmentRequest(String name, PromotionSettings promotionSettings, AutoscalingSettings autoscalingSettings,
                                 JsonNode autoscalingScheduleSettings, RequestBackpressureSettings requestBackpressureSettings,
                                 JsonNode chainletSettings) {
}
