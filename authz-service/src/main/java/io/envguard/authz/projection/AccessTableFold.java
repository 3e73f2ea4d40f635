package io.envguard.authz.projection;

import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The access table's rows folded in memory from events, for a rebuild: the rows {@link AccessProjection} writes, one
 * event at a time, with the same rules (duplicates skipped, events beyond a gap held and applied once it closes, each
 * type changing the rows by the one set of {@link AccessRules}), without a database round trip per event.
 * {@code AccessTableRebuildTest} holds the two equal.
 * <p>
 * One fold serves the organisations of one partition, in the partition's order; API keys are shared by every fold
 * of a rebuild, as their prefixes are unique across organisations. Not thread-safe: one thread per fold at a time.
 */
final class AccessTableFold {

    record Member(String email, String name, String role, boolean demoted) {
    }

    record Team(String name, boolean isDefault) {
    }

    record Grant(Instant expiresAt, boolean expired) {
    }

    record ApiKey(String organizationId, String userId, String name, String type, String secretSha256,
                  boolean deleted) {
        ApiKey asDeleted() {
            return new ApiKey(organizationId, userId, name, type, secretSha256, true);
        }
    }

    /** Keys of an organisation's rows: team id, environment and user id joined by a character no id holds. */
    static final char SEPARATOR = '\u0000';

    /** Everything the access table holds about one organisation. */
    static final class Organization {
        long revision;
        Instant updatedAt;
        final Map<String, Member> members = new HashMap<>();
        final Map<String, Team> teams = new HashMap<>();
        /** team id, user id → role */
        final Map<String, String> teamMembers = new HashMap<>();
        /** team id, environment → restricted */
        final Map<String, Boolean> groups = new HashMap<>();
        /** team id, environment, user id → grant */
        final Map<String, Grant> grants = new HashMap<>();
        /** Events beyond a gap, by revision, as received. */
        final TreeMap<Long, EnvironmentCloudEvent> held = new TreeMap<>();
        final Set<String> apiKeyPrefixes = new HashSet<>();
    }

    final Map<String, Organization> organizations = new HashMap<>();
    private final Map<String, ApiKey> apiKeys;
    /**
     * When the organisation that holds a key prefix made it. Partitions are folded side by side, so two organisations'
     * claims on one prefix (which environment-service never makes) may be folded in either order; the live projection
     * reads them as they arrive, which is the order they were made in. The earlier claim wins here too.
     */
    private final Map<String, Instant> claimedAt;
    private final Instant now = Instant.now();

    AccessTableFold(ConcurrentHashMap<String, ApiKey> apiKeys, ConcurrentHashMap<String, Instant> claimedAt) {
        this.apiKeys = apiKeys;
        this.claimedAt = claimedAt;
    }

    /** Applies one event as {@code AccessProjection.applyInTransaction} does to a shadow table. */
    void apply(EnvironmentCloudEvent event) {
        Organization org = organizations.computeIfAbsent(event.organizationId(), id -> new Organization());
        if (event.revision() <= org.revision) {
            return;
        }
        if (event.revision() > org.revision + 1) {
            org.held.put(event.revision(), event);
            return;
        }
        applyInOrder(event, org);
        EnvironmentCloudEvent next;
        while ((next = org.held.remove(org.revision + 1)) != null) {
            applyInOrder(next, org);
        }
    }

    private void applyInOrder(EnvironmentCloudEvent event, Organization org) {
        org.revision = event.revision();
        org.updatedAt = now;
        change(event, org);
    }

    private void change(EnvironmentCloudEvent event, Organization org) {
        AccessRules.changes(event, new Rows(event, org));
    }

    /** One organisation's rows in memory: each change is done as it is asked for. */
    private final class Rows implements AccessRows<Void> {
        private final EnvironmentCloudEvent event;
        private final String orgId;
        private final Organization org;

        Rows(EnvironmentCloudEvent event, Organization org) {
            this.event = event;
            this.orgId = event.organizationId();
            this.org = org;
        }

        @Override
        public Void all(List<Void> changes) {
            return null;
        }

        @Override
        public Void putTeam(String teamId, String name, boolean isDefault) {
            org.teams.put(teamId, new Team(name, isDefault));
            return null;
        }

        @Override
        public Void putGroup(String teamId, String environment, boolean restricted) {
            org.groups.put(key(teamId, environment), restricted);
            return null;
        }

        @Override
        public Void putMember(String userId, Member member) {
            org.members.put(userId, member);
            return null;
        }

        @Override
        public Void changeMember(String userId, UnaryOperator<Member> change) {
            org.members.computeIfPresent(userId, (id, member) -> change.apply(member));
            return null;
        }

        @Override
        public Void deleteMember(String userId) {
            org.members.remove(userId);
            return null;
        }

        @Override
        public Void putTeamMember(String teamId, String userId, String role) {
            org.teamMembers.put(key(teamId, userId), role);
            return null;
        }

        @Override
        public Void deleteTeamMembers(String teamId, String userId) {
            if (teamId != null) {
                org.teamMembers.remove(key(teamId, userId));
            } else {
                org.teamMembers.keySet().removeIf(key -> key.endsWith(SEPARATOR + userId));
            }
            return null;
        }

        @Override
        public Void putGrant(String teamId, String environment, String userId, Grant grant) {
            org.grants.put(key(teamId, environment, userId), grant);
            return null;
        }

        @Override
        public Void deleteGrants(String teamId, String environment, String userId) {
            if (teamId != null && environment != null && userId != null) {
                org.grants.remove(key(teamId, environment, userId));
                return null;
            }
            // Keys are team, environment and user: the leading parts given are a prefix, the user a suffix.
            String prefix = teamId == null ? ""
                    : environment == null ? teamId + SEPARATOR : key(teamId, environment, "");
            String suffix = userId == null ? "" : SEPARATOR + userId;
            org.grants.keySet().removeIf(key -> key.startsWith(prefix) && key.endsWith(suffix));
            return null;
        }

        @Override
        public Void changeApiKey(String prefix, UnaryOperator<ApiKey> change) {
            boolean creation = event.data() instanceof ApiKeyCreated;
            ApiKey key = apiKeys.compute(prefix, (p, held) -> {
                ApiKey old = held;
                if (creation && old != null && !orgId.equals(old.organizationId())
                        && madeBefore(event.time(), claimedAt.get(prefix))) {
                    old = null;
                }
                ApiKey changed = change.apply(old);
                if (creation && changed != null && changed != old) {
                    claimedAt.put(prefix, event.time() == null ? Instant.MAX : event.time());
                }
                return changed;
            });
            if (key != null && orgId.equals(key.organizationId())) {
                org.apiKeyPrefixes.add(prefix);
            }
            return null;
        }

        @Override
        public Void deleteApiKeysOf(String userId) {
            for (String prefix : org.apiKeyPrefixes) {
                apiKeys.computeIfPresent(prefix, (p, key) -> orgId.equals(key.organizationId())
                        && userId.equals(key.userId()) ? key.asDeleted() : key);
            }
            return null;
        }
    }

    private static boolean madeBefore(Instant time, Instant claimed) {
        return time != null && claimed != null && time.isBefore(claimed);
    }

    static String key(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    static String[] parts(String key) {
        return key.split(String.valueOf(SEPARATOR), -1);
    }
}
