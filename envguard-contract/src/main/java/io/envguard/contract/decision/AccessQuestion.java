package io.envguard.contract.decision;

import java.time.Instant;

/**
 * Everything {@link AccessDecision} needs to know, already read from the projection.
 *
 * @param member         the caller is a member of the organisation
 * @param orgAdmin       the caller's organisation role is ADMIN
 * @param demotedAdmin   the caller was an organisation admin and has been demoted
 * @param inTeam         the caller belongs to the team (the default team holds every member)
 * @param teamAdmin      the caller is an admin of the team
 * @param restricted     the environment group of the team exists and is restricted
 * @param grant          the caller's grant on that group, {@link Grant#NONE} when there is none
 */
public record AccessQuestion(Action action, boolean member, boolean orgAdmin, boolean demotedAdmin,
                             boolean inTeam, boolean teamAdmin, boolean restricted, Grant grant) {

    /** A grant as projected: still held (perhaps with an end), ended by expiry, or absent. */
    public record Grant(boolean held, boolean expired, Instant expiresAt) {
        public static final Grant NONE = new Grant(false, false, null);

        public static Grant active(Instant expiresAt) {
            return new Grant(true, false, expiresAt);
        }

        public static Grant ended() {
            return new Grant(true, true, null);
        }

        /** A grant whose end has passed counts as expired even before its GrantExpired event arrives. */
        boolean activeAt(Instant now) {
            return held && !expired && (expiresAt == null || now.isBefore(expiresAt));
        }

        boolean expiredAt(Instant now) {
            return held && !activeAt(now);
        }
    }
}
