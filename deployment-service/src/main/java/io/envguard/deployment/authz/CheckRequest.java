package io.envguard.deployment.authz;

/** Body of {@code POST /internal/v1/checks}. */
public record CheckRequest(String organizationId, String teamId, String environment, Action action, Long minRevision) {
}
