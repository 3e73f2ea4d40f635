package io.envguard.deployment.authz;

/**
 * The authenticated caller of one request: the principal authz-service resolved, the {@code Authorization} header it
 * was resolved from, which is forwarded unchanged to every check made on the caller's behalf, and the access revision
 * the caller demands with the {@code Platform-Revision} request header (null when it demands none).
 */
public record Caller(Principal principal, String authorization, Long minRevision) {
}
