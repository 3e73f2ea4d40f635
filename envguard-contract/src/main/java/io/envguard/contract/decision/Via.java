package io.envguard.contract.decision;

/**
 * Why someone is on the who-has-access list of a restricted environment ({@code manage_access.users[].via}): the
 * allowing {@link Reason}s that hold for a restricted environment, named as the public contract names them.
 */
public enum Via {
    ORG_ADMIN,
    TEAM_ADMIN,
    GRANT;

    /** How a decision lists its subject, or null when it does not let them change a restricted environment. */
    public static Via of(Reason reason) {
        return switch (reason) {
            case ORG_ADMIN -> ORG_ADMIN;
            case TEAM_ADMIN -> TEAM_ADMIN;
            case GRANTED -> GRANT;
            default -> null;
        };
    }
}
