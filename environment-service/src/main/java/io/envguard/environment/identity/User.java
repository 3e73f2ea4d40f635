package io.envguard.environment.identity;

/** A user known to the platform; {@code organizationId} is null until the user joins an organisation. */
public record User(String userId, String email, String name, String organizationId) {
}
