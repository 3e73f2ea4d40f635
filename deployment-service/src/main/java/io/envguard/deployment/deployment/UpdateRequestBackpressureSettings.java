package io.envguard.deployment.deployment;

/**
 * Body of {@code PATCH .../deployments/{deployment_id}/request_backpressure_settings}: the policy to apply; null or
 * absent clears it (Baseten's UpdateRequestBackpressureSettingsV1, which allows no other field).
 */
public record UpdateRequestBackpressureSettings(BackpressurePolicy policy) {
}
