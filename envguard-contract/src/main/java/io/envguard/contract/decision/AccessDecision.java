package io.envguard.contract.decision;

import java.time.Instant;

/**
 * The one place that decides whether a caller may make a guarded change to an environment.
 * The rows are tried in the order of the table in docs/architecture.md; the first that matches decides.
 * Every guarded {@link Action} is governed by the same table: a restriction guards all of them alike.
 */
public final class AccessDecision {

    private AccessDecision() {
    }

    public static Reason decide(AccessQuestion q, Instant now) {
        if (!q.member()) {
            return Reason.NOT_A_MEMBER;
        }
        if (q.orgAdmin()) {
            return Reason.ORG_ADMIN;
        }
        if (!q.inTeam()) {
            return Reason.NOT_IN_TEAM;
        }
        if (q.teamAdmin()) {
            return Reason.TEAM_ADMIN;
        }
        if (!q.restricted()) {
            return Reason.UNRESTRICTED;
        }
        if (q.grant().activeAt(now)) {
            return Reason.GRANTED;
        }
        if (q.grant().expiredAt(now)) {
            return Reason.GRANT_EXPIRED;
        }
        if (q.demotedAdmin()) {
            return Reason.ADMIN_DEMOTED;
        }
        return Reason.NOT_GRANTED;
    }
}
