package io.envguard.contract.decision;

/** Why a decision came out as it did; the names are part of the public contract. */
public enum Reason {
    ORG_ADMIN(true),
    TEAM_ADMIN(true),
    UNRESTRICTED(true),
    GRANTED(true),
    NOT_A_MEMBER(false),
    NOT_IN_TEAM(false),
    GRANT_EXPIRED(false),
    ADMIN_DEMOTED(false),
    NOT_GRANTED(false);

    private final boolean allows;

    Reason(boolean allows) {
        this.allows = allows;
    }

    public boolean allows() {
        return allows;
    }
}
