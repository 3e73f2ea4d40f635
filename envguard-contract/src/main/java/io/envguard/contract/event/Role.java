package io.envguard.contract.event;

/** A role in the organisation or in a team. */
public enum Role {
    ADMIN,
    MEMBER
}
