package io.envguard.deployment.authz;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of {@code POST /internal/v1/checks}: the decision, why, and the access-table revision it was made at. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckResult(boolean allowed, String reason, Long revision, String userId) {
}
