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
        /** The state that may change this group in place (see {@link OrganizationState#copy}). */
        private transient Object owner;

        Group(String environment, boolean restricted) {
            this.environment = environment;
            this.restricted = restricted;
        }

        private Group copy(Object owner) {
            Group copy = new Group(environment, restricted);
            copy.grants.putAll(grants);
            copy.owner = owner;
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
        private Map<String, Role> roles = new LinkedHashMap<>();
        private SortedMap<String, Group> groups = new TreeMap<>();
        /** The state that may change this team in place (see {@link OrganizationState#copy}). */
        private transient Object owner;
        /** Whether {@link #roles} is still the map of the team this one was copied from. */
        private transient boolean sharesRoles;

        Team(String id, String name, boolean isDefault, Instant createdAt) {
            this.id = id;
            this.name = name;
            this.isDefault = isDefault;
            this.createdAt = createdAt;
            groups.put(PRODUCTION, new Group(PRODUCTION, false));
            groups.put(DEVELOPMENT, new Group(DEVELOPMENT, false));
        }

        /** Shares its roles until they change, and its groups until each changes. */
        private Team copy(Object owner) {
            Team copy = new Team(id, name, isDefault, createdAt);
            copy.roles = roles;
            copy.sharesRoles = true;
            copy.groups = new TreeMap<>(groups);
            copy.owner = owner;
            return copy;
        }

        private Map<String, Role> ownRoles() {
            if (sharesRoles) {
                roles = new LinkedHashMap<>(roles);
                sharesRoles = false;
            }
            return roles;
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
    private Map<String, Member> members = new LinkedHashMap<>();
    private Map<String, Team> teams = new LinkedHashMap<>();
    private Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
    /** Marks the teams and groups this state made itself, and so may change in place. */
    private final transient Object owner = new Object();
    /** Whether the maps are still those of the state this one was copied from. */
    private transient boolean sharesMembers;
    private transient boolean sharesTeams;
    private transient boolean sharesApiKeys;

    /**
     * A copy to change without disturbing the readers of this state, which must not change any more (the committed
     * organisation never does). It shares what it has not changed yet: an event copies only the map, team and group it
     * changes, so a command in a 5,000-member organisation does not copy all of it (half a megabyte, most of what a
     * command allocated).
     */
    public OrganizationState copy() {
        OrganizationState copy = new OrganizationState();
        copy.organizationId = organizationId;
        copy.name = name;
        copy.defaultTeamId = defaultTeamId;
        copy.revision = revision;
        copy.members = members;
        copy.teams = teams;
        copy.apiKeys = apiKeys;
        copy.sharesMembers = true;
        copy.sharesTeams = true;
        copy.sharesApiKeys = true;
        return copy;
    }

    public void apply(EnvironmentEvent event, long revision, Instant at) {
        this.revision = revision;
        if (event instanceof OrganizationCreated e) {
            organizationId = e.organizationId();
            name = e.name();
            defaultTeamId = e.defaultTeamId();
            ownMembers().put(e.admin().userId(),
                    new Member(e.admin().userId(), e.admin().email(), e.admin().name(), Role.ADMIN));
            ownTeams().put(e.defaultTeamId(), newTeam(e.defaultTeamId(), DEFAULT_TEAM_NAME, true, at));
        } else if (event instanceof MemberAdded e) {
            ownMembers().put(e.userId(), new Member(e.userId(), e.email(), e.name(), e.role()));
        } else if (event instanceof MemberRoleChanged e) {
            ownMembers().computeIfPresent(e.userId(), (id, m) -> new Member(id, m.email(), m.name(), e.role()));
        } else if (event instanceof MemberRemoved e) {
            ownMembers().remove(e.userId());
            List.copyOf(teams.keySet()).forEach(teamId -> removeFromTeam(teamId, e.userId()));
            if (apiKeys.values().stream().anyMatch(key -> key.userId().equals(e.userId()))) {
                ownApiKeys().values().removeIf(key -> key.userId().equals(e.userId()));
            }
        } else if (event instanceof TeamCreated e) {
            ownTeams().put(e.teamId(), newTeam(e.teamId(), e.name(), false, at));
        } else if (event instanceof TeamMemberAdded e) {
            ownTeam(e.teamId()).ownRoles().put(e.userId(), e.role());
        } else if (event instanceof TeamMemberRemoved e) {
            removeFromTeam(e.teamId(), e.userId());
        } else if (event instanceof EnvironmentGroupCreated e) {
            Group group = new Group(e.environment(), e.isRestricted());
            group.owner = owner;
            ownTeam(e.teamId()).groups.put(e.environment(), group);
        } else if (event instanceof EnvironmentGroupRestricted e) {
            ownGroup(e.teamId(), e.environment()).restricted = true;
        } else if (event instanceof EnvironmentGroupUnrestricted e) {
            Group group = ownGroup(e.teamId(), e.environment());
            group.restricted = false;
            group.grants.clear();
        } else if (event instanceof AccessGranted e) {
            ownGroup(e.teamId(), e.environment()).grants.put(e.userId(), new Grant(e.userId(), e.expiresAt()));
        } else if (event instanceof AccessRevoked e) {
            ownGroup(e.teamId(), e.environment()).grants.remove(e.userId());
        } else if (event instanceof GrantExpired e) {
            ownGroup(e.teamId(), e.environment()).grants.remove(e.userId());
        } else if (event instanceof ApiKeyCreated e) {
            ownApiKeys().put(e.prefix(), new ApiKey(e.prefix(), e.userId(), e.name(), e.type(), e.teamId(),
                    e.secretSha256(), at));
        } else if (event instanceof ApiKeyDeleted e) {
            ownApiKeys().remove(e.prefix());
        }
    }

    /** Copies only what holds the user: the team's roles, the groups that grant them access. */
    private void removeFromTeam(String teamId, String userId) {
        if (teams.get(teamId).roles.containsKey(userId)) {
            ownTeam(teamId).ownRoles().remove(userId);
        }
        for (Group group : List.copyOf(teams.get(teamId).groups.values())) {
            if (group.grants.containsKey(userId)) {
                ownGroup(teamId, group.environment).grants.remove(userId);
            }
        }
    }

    private Team newTeam(String id, String name, boolean isDefault, Instant at) {
        Team team = new Team(id, name, isDefault, at);
        team.owner = owner;
        team.groups.values().forEach(group -> group.owner = owner);
        return team;
    }

    private Map<String, Member> ownMembers() {
        if (sharesMembers) {
            members = new LinkedHashMap<>(members);
            sharesMembers = false;
        }
        return members;
    }

    private Map<String, Team> ownTeams() {
        if (sharesTeams) {
            teams = new LinkedHashMap<>(teams);
            sharesTeams = false;
        }
        return teams;
    }

    private Map<String, ApiKey> ownApiKeys() {
        if (sharesApiKeys) {
            apiKeys = new LinkedHashMap<>(apiKeys);
            sharesApiKeys = false;
        }
        return apiKeys;
    }

    /** The team, copied first unless this state made it. */
    private Team ownTeam(String teamId) {
        Team team = teams.get(teamId);
        if (team.owner != owner) {
            team = team.copy(owner);
            ownTeams().put(teamId, team);
        }
        return team;
    }

    /** The group, copied first (with its team) unless this state made it. */
    private Group ownGroup(String teamId, String environment) {
        Team team = ownTeam(teamId);
        Group group = team.groups.get(environment);
        if (group.owner != owner) {
            group = group.copy(owner);
            team.groups.put(environment, group);
        }
        return group;
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
