package io.envguard.environment.organization;

/** A role in the organisation or in a team. */
public enum Role {
    ADMIN,
    MEMBER
}
