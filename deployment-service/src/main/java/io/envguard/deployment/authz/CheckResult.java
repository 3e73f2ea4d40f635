package io.envguard.deployment.authz;

/** Answer of {@code POST /internal/v1/checks}: the decision, why, and the access-table revision it was made at. */
public record CheckResult(boolean allowed, String reason, Long revision, String userId) {
}
