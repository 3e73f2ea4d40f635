package io.envguard.deployment.authz;

/**
 * The authenticated caller of one request: the principal authz-service resolved and the {@code Authorization} header
 * it was resolved from, which is forwarded unchanged to every check made on the caller's behalf.
 */
public record Caller(Principal principal, String authorization) {
}
