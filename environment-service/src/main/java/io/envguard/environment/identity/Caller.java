package io.envguard.environment.identity;

import io.envguard.environment.error.DomainException;

/**
 * The authenticated user behind a request. {@code authorization} is the caller's own header, forwarded unchanged to
 * authz-service; {@code apiKeyPrefix} is set when the credential is an API key.
 */
public record Caller(String userId, String email, String name, String organizationId, String apiKeyPrefix,
                     String authorization) {

    /** The caller's organisation; 404 for a user who belongs to none. */
    public String requireOrganization() {
        if (organizationId == null) {
            throw DomainException.notFound("you do not belong to an organization");
        }
        return organizationId;
    }
}
