package io.envguard.environment.dataset;

import io.envguard.environment.identity.ApiKeys;
import io.envguard.environment.organization.OrganizationAggregate;
import io.envguard.contract.event.EnvironmentEvent;
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
import io.envguard.contract.event.EnvironmentEvent.UserRef;
import io.envguard.contract.event.Role;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The history of one organisation of a generated data set, as the aggregate would have applied it: every event is one
 * its command handlers could have produced from the state the previous events built (members before their grants, grants
 * only on restricted groups and to team members, the creator never demoted nor removed, an unrestriction preceded by
 * the revocation of each remaining grant, an expiry after its grant's {@code expires_at}). Deterministic for a seed.
 */
final class DataSetPlan {

    /** One event with what travels beside it: who made the change and when. */
    record Planned(EnvironmentEvent payload, String actorId, Instant at) {
    }

    /** A member's credential for the benchmarks: the API key the plan made for them, when it is still valid. */
    record Member(String userId, String email, String name, Role role, String apiKey) {
    }

    /** An environment group, with its grants (user id → expiry, null for none). */
    static final class Group {
        final String teamId;
        final String environment;
        boolean restricted;
        final Map<String, Instant> grants = new LinkedHashMap<>();

        Group(String teamId, String environment, boolean restricted) {
            this.teamId = teamId;
            this.environment = environment;
            this.restricted = restricted;
        }
    }

    /** A team: its explicit members (user id → role); the default team holds every member implicitly. */
    static final class Team {
        final String teamId;
        final boolean isDefault;
        final Map<String, Role> members = new LinkedHashMap<>();
        final Map<String, Group> groups = new LinkedHashMap<>();

        Team(String teamId, boolean isDefault) {
            this.teamId = teamId;
            this.isDefault = isDefault;
        }
    }

    /** The shape of an organisation: how many of each thing it starts with and how many events it holds in all. */
    record Shape(int members, int teams, int extraGroupsPerTeam, int events) {
    }

    private static final String[] ENVIRONMENTS = {"staging", "qa", "canary", "preview", "perf", "sandbox", "eu", "us"};

    final String organizationId;
    final String defaultTeamId;
    final String creatorId;
    final List<Planned> events = new ArrayList<>();
    final Map<String, Member> members = new LinkedHashMap<>();
    final Map<String, Team> teams = new LinkedHashMap<>();
    /** Live API keys: prefix → (user id, SHA-256, created at). */
    final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();
    /** Users who were members and left, so whose user row has no organisation. */
    final List<Member> departed = new ArrayList<>();

    record ApiKey(String prefix, String userId, String sha256, Instant createdAt) {
    }

    private final Random random;
    private final String run;
    private final Instant now;
    private Instant clock;
    private int userCount;

    private DataSetPlan(Random random, String run, Instant now) {
        this.random = random;
        this.run = run;
        this.now = now;
        this.organizationId = uuid();
        this.defaultTeamId = uuid();
        this.creatorId = uuid();
        // Histories start within the last year and advance minutes at a time: they end well before now.
        this.clock = now.minus(Duration.ofDays(200 + random.nextInt(160))).truncatedTo(ChronoUnit.MILLIS);
    }

    /** A typical organisation: 5–40 members, 1–4 teams, 1–3 groups per team beyond the standard two, 60–240 events. */
    static Shape typical(Random random) {
        return new Shape(5 + random.nextInt(36), 1 + random.nextInt(4), 1 + random.nextInt(3), 60 + random.nextInt(181));
    }

    static DataSetPlan generate(Shape shape, long seed, String run, Instant now) {
        DataSetPlan plan = new DataSetPlan(new Random(seed), run, now);
        plan.build(shape);
        return plan;
    }

    private void build(Shape shape) {
        String creatorEmail = email();
        members.put(creatorId, new Member(creatorId, creatorEmail, "Creator " + userCount, Role.ADMIN, null));
        Team defaultTeam = new Team(defaultTeamId, true);
        teams.put(defaultTeamId, defaultTeam);
        standardGroups(defaultTeam);
        emit(new OrganizationCreated(organizationId, "Scale org " + run + " " + organizationId.substring(0, 8),
                defaultTeamId, new UserRef(creatorId, creatorEmail, "Creator " + userCount)), creatorId);
        for (int m = 1; m < shape.members(); m++) {
            addMember(random.nextInt(8) == 0 ? Role.ADMIN : Role.MEMBER);
        }
        for (int t = 1; t < shape.teams(); t++) {
            String teamId = uuid();
            Team team = new Team(teamId, false);
            teams.put(teamId, team);
            standardGroups(team);
            emit(new TeamCreated(teamId, "team " + t), creatorId);
            for (String userId : List.copyOf(members.keySet())) {
                if (random.nextInt(3) == 0) {
                    addTeamMember(team, userId);
                }
            }
        }
        for (Team team : teams.values()) {
            for (int g = 0; g < shape.extraGroupsPerTeam(); g++) {
                String environment = ENVIRONMENTS[g % ENVIRONMENTS.length] + (g < ENVIRONMENTS.length ? "" : "-" + g);
                boolean restricted = random.nextBoolean();
                team.groups.put(environment, new Group(team.teamId, environment, restricted));
                emit(new EnvironmentGroupCreated(team.teamId, environment, restricted), creatorId);
            }
            restrict(team.groups.get("production"));
        }
        for (String userId : List.copyOf(members.keySet())) {
            if (random.nextInt(3) == 0) {
                createApiKey(userId);
            }
        }
        while (events.size() < shape.events()) {
            change();
        }
    }

    /** One change of a long-lived organisation, most often to its grants. */
    private void change() {
        int pick = random.nextInt(100);
        if (pick < 40) {
            grant(false);
        } else if (pick < 55) {
            revoke();
        } else if (pick < 62) {
            grant(true);
        } else if (pick < 68) {
            addMember(Role.MEMBER);
        } else if (pick < 72) {
            changeRole();
        } else if (pick < 75) {
            removeMember();
        } else if (pick < 80) {
            createApiKey(anyMember());
        } else if (pick < 83) {
            deleteApiKey();
        } else if (pick < 88) {
            Team team = anyTeam();
            if (!team.isDefault) {
                addTeamMember(team, anyMember());
            }
        } else if (pick < 91) {
            removeTeamMember();
        } else if (pick < 95) {
            restrict(anyGroup());
        } else {
            unrestrict(anyGroup());
        }
    }

    private void standardGroups(Team team) {
        team.groups.put("production", new Group(team.teamId, "production", false));
        team.groups.put("development", new Group(team.teamId, "development", false));
    }

    private void addMember(Role role) {
        String userId = uuid();
        String email = email();
        String name = "User " + userCount;
        members.put(userId, new Member(userId, email, name, role, null));
        emit(new MemberAdded(userId, email, name, role), creatorId);
    }

    private void addTeamMember(Team team, String userId) {
        Role role = random.nextInt(6) == 0 ? Role.ADMIN : Role.MEMBER;
        if (team.members.get(userId) != role) {
            team.members.put(userId, role);
            emit(new TeamMemberAdded(team.teamId, userId, role), creatorId);
        }
    }

    private void removeTeamMember() {
        Team team = anyTeam();
        if (team.isDefault || team.members.isEmpty()) {
            return;
        }
        String userId = pickFrom(List.copyOf(team.members.keySet()));
        team.members.remove(userId);
        team.groups.values().forEach(group -> group.grants.remove(userId));
        emit(new TeamMemberRemoved(team.teamId, userId), creatorId);
    }

    private void changeRole() {
        String userId = anyMember();
        if (userId.equals(creatorId)) {
            return;
        }
        Member member = members.get(userId);
        Role role = member.role() == Role.ADMIN ? Role.MEMBER : Role.ADMIN;
        members.put(userId, new Member(userId, member.email(), member.name(), role, member.apiKey()));
        emit(new MemberRoleChanged(userId, role, member.role()), creatorId);
    }

    private void removeMember() {
        String userId = anyMember();
        if (userId.equals(creatorId) || members.size() < 4) {
            return;
        }
        departed.add(members.remove(userId));
        for (Team team : teams.values()) {
            team.members.remove(userId);
            team.groups.values().forEach(group -> group.grants.remove(userId));
        }
        apiKeys.values().removeIf(key -> key.userId().equals(userId));
        emit(new MemberRemoved(userId), creatorId);
    }

    private void restrict(Group group) {
        if (!group.restricted) {
            group.restricted = true;
            emit(new EnvironmentGroupRestricted(group.teamId, group.environment), creatorId);
        }
    }

    private void unrestrict(Group group) {
        if (!group.restricted || group.environment.equals("production")) {
            return;
        }
        for (String userId : List.copyOf(group.grants.keySet())) {
            group.grants.remove(userId);
            emit(new AccessRevoked(group.teamId, group.environment, userId), creatorId);
        }
        group.restricted = false;
        emit(new EnvironmentGroupUnrestricted(group.teamId, group.environment), creatorId);
    }

    /** A grant to a team member on a restricted group; {@code expiring}: one that ends, now or in the coming weeks. */
    private void grant(boolean expiring) {
        Team team = anyTeam();
        List<Group> restricted = team.groups.values().stream().filter(g -> g.restricted).toList();
        List<String> teamMembers = team.isDefault ? List.copyOf(members.keySet()) : List.copyOf(team.members.keySet());
        if (restricted.isEmpty() || teamMembers.isEmpty()) {
            return;
        }
        Group group = pickFrom(restricted);
        String userId = pickFrom(teamMembers);
        if (!expiring) {
            if (!group.grants.containsKey(userId) || group.grants.get(userId) != null) {
                group.grants.put(userId, null);
                emit(new AccessGranted(group.teamId, group.environment, userId, null), creatorId);
            }
            return;
        }
        if (random.nextBoolean()) {
            // Still running when the data set is loaded: the expiry scheduler will end it in 30–90 days.
            Instant expiresAt = now.plus(Duration.ofDays(30 + random.nextInt(60))).truncatedTo(ChronoUnit.MILLIS);
            group.grants.put(userId, expiresAt);
            emit(new AccessGranted(group.teamId, group.environment, userId, expiresAt), creatorId);
        } else {
            // Ended in the history: granted for a day, then expired by the scheduler (actor "system").
            Instant expiresAt = clock.plus(Duration.ofDays(1));
            emit(new AccessGranted(group.teamId, group.environment, userId, expiresAt), creatorId);
            clock = expiresAt;
            group.grants.remove(userId);
            emit(new GrantExpired(group.teamId, group.environment, userId, expiresAt),
                    OrganizationAggregate.SYSTEM_ACTOR);
        }
    }

    private void revoke() {
        Group group = anyGroup();
        if (group.grants.isEmpty()) {
            return;
        }
        String userId = pickFrom(List.copyOf(group.grants.keySet()));
        group.grants.remove(userId);
        emit(new AccessRevoked(group.teamId, group.environment, userId), creatorId);
    }

    private void createApiKey(String userId) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            prefix.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = prefix + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String sha256 = ApiKeys.sha256(key);
        apiKeys.put(prefix.toString(), new ApiKey(prefix.toString(), userId, sha256, clock));
        Member member = members.get(userId);
        members.put(userId, new Member(userId, member.email(), member.name(), member.role(), key));
        emit(new ApiKeyCreated(prefix.toString(), userId, "key " + apiKeys.size(), OrganizationAggregate.PERSONAL_KEY,
                null, sha256), userId);
    }

    private void deleteApiKey() {
        if (apiKeys.isEmpty()) {
            return;
        }
        ApiKey key = pickFrom(List.copyOf(apiKeys.values()));
        apiKeys.remove(key.prefix());
        Member member = members.get(key.userId());
        if (key.prefix().equals(prefixOf(member.apiKey()))) {
            members.put(member.userId(), new Member(member.userId(), member.email(), member.name(), member.role(), null));
        }
        emit(new ApiKeyDeleted(key.prefix(), key.userId()), key.userId());
    }

    private static String prefixOf(String key) {
        return key == null ? null : key.substring(0, key.indexOf('.'));
    }

    private void emit(EnvironmentEvent payload, String actorId) {
        clock = clock.plus(Duration.ofSeconds(30 + random.nextInt(3600)));
        events.add(new Planned(payload, actorId, clock));
    }

    private String anyMember() {
        return pickFrom(List.copyOf(members.keySet()));
    }

    private Team anyTeam() {
        return pickFrom(List.copyOf(teams.values()));
    }

    private Group anyGroup() {
        return pickFrom(List.copyOf(anyTeam().groups.values()));
    }

    private <T> T pickFrom(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private String email() {
        userCount++;
        return "u" + userCount + "-" + organizationId.substring(0, 13) + "@" + run + ".scale.example.com";
    }

    private String uuid() {
        return UUID.nameUUIDFromBytes((run + random.nextLong()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
