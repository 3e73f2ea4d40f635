package io.envguard.cli;

/**
 * The exit codes, so that a pipeline can tell "not allowed" from "broken". Listed by {@code envguard --help} and in the
 * README; a code never changes its meaning.
 */
public enum ExitCode {
    OK(0, "success (for can-i: allowed)"),
    ERROR(1, "an unexpected error"),
    INVALID_INPUT(2, "invalid input: bad arguments, rejected values, a USER matching several people"),
    REFUSED(3, "refused: no access to a restricted environment, or an action for admins only (for can-i: not allowed)"),
    NOT_FOUND(4, "not found: no such environment, model, chain, deployment, member, team or key"),
    AUTHENTICATION_FAILED(5, "authentication failed: no API key, or the key is wrong, deleted or expired"),
    UNAVAILABLE(6, "platform unavailable: not reachable, overloaded (429) or unable to decide (503); nothing changed"),
    CONFLICT(7, "conflict: already exists, or changed meanwhile (the last admin, a stale revision)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
