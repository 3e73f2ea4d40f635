package io.envguard.environment.organization;

import io.envguard.contract.decision.AccessDecision;
import io.envguard.contract.decision.AccessQuestion;
import io.envguard.contract.decision.Action;
import io.envguard.contract.decision.Via;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.OrganizationCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;


import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.contract.event.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the events of one organisation add up to. Pure: the aggregate folds its events into it to enforce the rules, and
 * the read side folds the same events (up to any instant) to answer reads, history and access-at-an-instant.
 */
public final class OrganizationState {

    public static final String PRODUCTION = "production";
    public static final String DEVELOPMENT = "development";
    public static final String DEFAULT_TEAM_NAME = "default";

    public record Member(String userId, String email, String name, Role role) {
    }

    public record Grant(String userId, Instant expiresAt) {
        public boolean activeAt(Instant instant) {
            return expiresAt == null || expiresAt.isAfter(instant);
        }
    }

    /** Someone who may modify a restricted environment, and why. */
    public record Access(Member member, Via via, Instant expiresAt) {
    }

    /** {@code teamId} is the team a team key was created for; null for a personal key. */
    public record ApiKey(String prefix, String userId, String name, String type, String teamId, String secretSha256,
                         Instant createdAt) {
    }

    public static final class Group {
        private final String environment;
        private boolean restricted;
        private final Map<String, Grant> grants = new LinkedHashMap<>();

        Group(String environment, boolean restricted) {
            this.environment = environment;
            this.restricted = restricted;
        }

        private Group copy() {
            Group copy = new Group(environment, restricted);
            copy.grants.putAll(grants);
            return copy;
        }

        public String environment() {
            return environment;
        }

        public boolean restricted() {
            return restricted;
        }

        public Map<String, Grant> grants() {
            return Collections.unmodifiableMap(grants);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Group group && environment.equals(group.environment)
                    && restricted == group.restricted && grants.equals(group.grants);
        }

        @Override
        public int hashCode() {
            return Objects.hash(environment, restricted, grants);
        }
    }

    public static final class Team {
        private final String id;
        private final String name;
        private final boolean isDefault;
        private final Instant createdAt;
        /** Explicit team roles; the default team also holds every organisation member implicitly. */
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final SortedMap<String, Group> groups = new TreeMap<>();

        Team(String id, String name, boolean isDefault, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.isDefault = isDefault;
            this.createdAt = createdAt;
            groups.put(PRODUCTION, new Group(PRODUCTION, false));
            groups.put(DEVELOPMENT, new Group(DEVELOPMENT, false));
        }

        private Team copy() {
            Team copy = new Team(id, name, isDefault, createdAt);
            copy.roles.putAll(roles);
            groups.forEach((environment, group) -> copy.groups.put(environment, group.copy()));
            return copy;
        }

        public String id() {
            return id;
        }

        public String name() {
            return name;
        }

        public boolean isDefault() {
            return isDefault;
        }

        /** The time of the event that created it (its organisation's creation for the default team). */
        public Instant createdAt() {
            return createdAt;
        }

        public Map<String, Role> roles() {
            return Collections.unmodifiableMap(roles);
        }

        public Collection<Group> groups() {
            return Collections.unmodifiableCollection(groups.values());
        }

        public Optional<Group> group(String environment) {
            return Optional.ofNullable(groups.get(environment));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Team team && id.equals(team.id) && name.equals(team.name)
                    && isDefault == team.isDefault && Objects.equals(createdAt, team.createdAt)
                    && roles.equals(team.roles) && groups.equals(team.groups);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, name, isDefault, createdAt, roles, groups);
        }
    }

    private String organizationId;
    private String name;
    private String defaultTeamId;
    private long revision;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, Team> teams = new LinkedHashMap<>();
    private final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();

    /** A deep copy, so that a cached state can be brought up to date without disturbing its readers. */
    public OrganizationState copy() {
        OrganizationState copy = new OrganizationState();
        copy.organizationId = organizationId;
        copy.name = name;
        copy.defaultTeamId = defaultTeamId;
        copy.revision = revision;
        copy.members.putAll(members);
        teams.forEach((id, team) -> copy.teams.put(id, team.copy()));
        copy.apiKeys.putAll(apiKeys);
        return copy;
    }

    public void apply(EnvironmentEvent event, long revision, Instant at) {
        this.revision = revision;
        if (event instanceof OrganizationCreated e) {
            organizationId = e.organizationId();
            name = e.name();
            defaultTeamId = e.defaultTeamId();
            members.put(e.admin().userId(), new Member(e.admin().userId(), e.admin().email(), e.admin().name(), Role.ADMIN));
            teams.put(e.defaultTeamId(), new Team(e.defaultTeamId(), DEFAULT_TEAM_NAME, true, at));
        } else if (event instanceof MemberAdded e) {
            members.put(e.userId(), new Member(e.userId(), e.email(), e.name(), e.role()));
        } else if (event instanceof MemberRoleChanged e) {
            members.computeIfPresent(e.userId(), (id, m) -> new Member(id, m.email(), m.name(), e.role()));
        } else if (event instanceof MemberRemoved e) {
            members.remove(e.userId());
            teams.values().forEach(team -> removeFromTeam(team, e.userId()));
            apiKeys.values().removeIf(key -> key.userId().equals(e.userId()));
        } else if (event instanceof TeamCreated e) {
            teams.put(e.teamId(), new Team(e.teamId(), e.name(), false, at));
        } else if (event instanceof TeamMemberAdded e) {
            teams.get(e.teamId()).roles.put(e.userId(), e.role());
        } else if (event instanceof TeamMemberRemoved e) {
            removeFromTeam(teams.get(e.teamId()), e.userId());
        } else if (event instanceof EnvironmentGroupCreated e) {
            teams.get(e.teamId()).groups.put(e.environment(), new Group(e.environment(), e.isRestricted()));
        } else if (event instanceof EnvironmentGroupRestricted e) {
            groupOf(e.teamId(), e.environment()).restricted = true;
        } else if (event instanceof EnvironmentGroupUnrestricted e) {
            Group group = groupOf(e.teamId(), e.environment());
            group.restricted = false;
            group.grants.clear();
        } else if (event instanceof AccessGranted e) {
            groupOf(e.teamId(), e.environment()).grants.put(e.userId(), new Grant(e.userId(), e.expiresAt()));
        } else if (event instanceof AccessRevoked e) {
            groupOf(e.teamId(), e.environment()).grants.remove(e.userId());
        } else if (event instanceof GrantExpired e) {
            groupOf(e.teamId(), e.environment()).grants.remove(e.userId());
        } else if (event instanceof ApiKeyCreated e) {
            apiKeys.put(e.prefix(), new ApiKey(e.prefix(), e.userId(), e.name(), e.type(), e.teamId(), e.secretSha256(),
                    at));
        } else if (event instanceof ApiKeyDeleted e) {
            apiKeys.remove(e.prefix());
        }
    }

    private static void removeFromTeam(Team team, String userId) {
        team.roles.remove(userId);
        team.groups.values().forEach(group -> group.grants.remove(userId));
    }

    private Group groupOf(String teamId, String environment) {
        return teams.get(teamId).groups.get(environment);
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    public String defaultTeamId() {
        return defaultTeamId;
    }

    /** The revision of the last event applied: its sequence number + 1. */
    public long revision() {
        return revision;
    }

    public Collection<Member> members() {
        return Collections.unmodifiableCollection(members.values());
    }

    public Optional<Member> member(String userId) {
        return Optional.ofNullable(userId == null ? null : members.get(userId));
    }

    public boolean isOrgAdmin(String userId) {
        return member(userId).map(m -> m.role() == Role.ADMIN).orElse(false);
    }

    public long adminCount() {
        return members.values().stream().filter(m -> m.role() == Role.ADMIN).count();
    }

    public Collection<Team> teams() {
        return Collections.unmodifiableCollection(teams.values());
    }

    /** The team with this id, or the default team when the id is null. */
    public Optional<Team> team(String teamId) {
        return Optional.ofNullable(teams.get(teamId == null ? defaultTeamId : teamId));
    }

    public Optional<Team> teamNamed(String teamName) {
        return teams.values().stream().filter(t -> t.name.equals(teamName)).findFirst();
    }

    public boolean isTeamMember(Team team, String userId) {
        return team.isDefault ? members.containsKey(userId) : team.roles.containsKey(userId);
    }

    /** The user's role in the team, counting org admins as admins of every team; empty when not in the team. */
    public Optional<Role> teamRole(Team team, String userId) {
        if (isOrgAdmin(userId)) {
            return Optional.of(Role.ADMIN);
        }
        if (!isTeamMember(team, userId)) {
            return Optional.empty();
        }
        return Optional.of(team.roles.getOrDefault(userId, Role.MEMBER));
    }

    /** Org admins see every team; others only the teams they are in. */
    public boolean canSee(Team team, String userId) {
        return isOrgAdmin(userId) || isTeamMember(team, userId);
    }

    /** Org admins, and a team's admins for that team, manage its members, restrictions and grants. */
    public boolean mayManage(Team team, String userId) {
        return teamRole(team, userId).map(role -> role == Role.ADMIN).orElse(false);
    }

    /**
     * Everyone who may modify the environment while the group is restricted, at that instant, as {@link AccessDecision}
     * (the check's own function) decides it for each of them; empty if unrestricted. Admins first, in the order they
     * joined, then grantees in the order they were granted.
     */
    public List<Access> accessList(Team team, Group group, Instant at) {
        List<Access> result = new ArrayList<>();
        if (!group.restricted) {
            return result;
        }
        for (Member member : members.values()) {
            Via via = Via.of(AccessDecision.decide(question(team, group, member.userId()), at));
            if (via == Via.ORG_ADMIN || via == Via.TEAM_ADMIN) {
                result.add(new Access(member, via, null));
            }
        }
        for (Grant grant : group.grants.values()) {
            Member member = members.get(grant.userId());
            if (member != null && Via.of(AccessDecision.decide(question(team, group, grant.userId()), at)) == Via.GRANT) {
                result.add(new Access(member, Via.GRANT, grant.expiresAt()));
            }
        }
        return result;
    }

    /** What {@link AccessDecision} needs to know about a user and a team's environment group, from these events. */
    AccessQuestion question(Team team, Group group, String userId) {
        Member member = members.get(userId);
        boolean inTeam = member != null && isTeamMember(team, userId);
        Grant grant = group.grants.get(userId);
        return new AccessQuestion(Action.PROMOTE, member != null, member != null && member.role() == Role.ADMIN,
                false, inTeam, inTeam && team.roles.get(userId) == Role.ADMIN, group.restricted,
                grant == null ? AccessQuestion.Grant.NONE : AccessQuestion.Grant.active(grant.expiresAt()));
    }

    public Collection<ApiKey> apiKeys() {
        return Collections.unmodifiableCollection(apiKeys.values());
    }

    public Optional<ApiKey> apiKey(String prefix) {
        return Optional.ofNullable(apiKeys.get(prefix));
    }
}
