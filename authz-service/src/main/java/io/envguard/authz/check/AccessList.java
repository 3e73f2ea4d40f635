package io.envguard.authz.check;

import java.time.Instant;
import java.util.List;

/**
 * Who may make guarded changes to one environment of one team right now, as {@link AccessDecision} decides it for
 * every member: the {@code manage_access.users} of the public contract, empty when the environment is unrestricted.
 */
public record AccessList(String teamId, String environment, boolean isRestricted, long revision, List<Entry> users) {

    public enum Via { GRANT, ORG_ADMIN, TEAM_ADMIN }

    public record Entry(String userId, String email, String name, Via via, Instant expiresAt) {
    }
}
