package io.envguard.authz.projection;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random histories of events, applied to the real projection (through the broker) and to a small reference model
 * written here from docs/events.md and the decision table; every (user, team, environment) answer must agree, and the
 * canaries — a stranger and a member who is never granted nor made admin — must never be allowed where it matters.
 */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReferenceModelTest {

    private static final int HISTORIES = 4;
    private static final int EVENTS_PER_HISTORY = 60;
    private static final int CHECKPOINT_EVERY = 20;
    private static final List<String> USERS = List.of("ann", "bob", "cid", "dee", "eve");
    private static final String STRANGER = "stranger";
    private static final String BYSTANDER = "bystander";
    private static final List<String> ENVIRONMENTS = List.of("production", "development", "staging");
    private static final List<String> ACTIONS = List.of("PROMOTE", "MANAGE_ENVIRONMENT", "UPDATE_AUTOSCALING",
            "UPDATE_DEPLOYMENT");

    @Inject
    Platform platform;

    @Test
    void theProjectionAgreesWithTheReferenceModelOnRandomHistories() {
        long seed = Long.getLong("envguard.seed", System.nanoTime());
        Random random = new Random(seed);
        int compared = 0;
        for (int h = 0; h < HISTORIES; h++) {
            History history = new History("org-random-" + UUID.randomUUID());
            Model model = new Model(history);
            List<String> batch = new ArrayList<>();
            batch.add(model.created());
            batch.add(model.add(BYSTANDER, "MEMBER"));
            for (int i = 0; i < EVENTS_PER_HISTORY; i++) {
                batch.add(model.randomEvent(random));
                if ((i + 1) % CHECKPOINT_EVERY == 0) {
                    platform.appendAndAwait(history, batch.toArray(String[]::new));
                    batch.clear();
                    compared += compareEverything(model, random, "seed " + seed + ", history " + h + ", event " + i);
                }
            }
        }
        assertNotEquals(0, compared);
    }

    private int compareEverything(Model model, Random random, String where) {
        int compared = 0;
        List<String> everyone = new ArrayList<>(USERS);
        everyone.add(STRANGER);
        everyone.add(BYSTANDER);
        for (String user : everyone) {
            String authorization = bearer(jwt(model.email(user)));
            for (String team : model.teams) {
                for (String environment : ENVIRONMENTS) {
                    String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
                    JsonPath answer = platform.check(authorization, model.history, team, environment,
                            action, null).statusCode(200).extract().jsonPath();
                    String expected = model.decide(user, team, environment);
                    String context = where + ": " + user + " " + action + " " + team + "/" + environment;
                    assertEquals(expected, answer.getString("reason"), context);
                    assertEquals(allows(expected), answer.getBoolean("allowed"), context);
                    if (user.equals(STRANGER) || (user.equals(BYSTANDER) && model.restricted(team, environment))) {
                        assertEquals(false, answer.getBoolean("allowed"), "a canary was allowed: " + context);
                    }
                    compared++;
                }
            }
        }
        return compared;
    }

    private static boolean allows(String reason) {
        return Set.of("ORG_ADMIN", "TEAM_ADMIN", "UNRESTRICTED", "GRANTED").contains(reason);
    }

    /** What an organisation looks like after its events, kept as plainly as possible. */
    private static final class Model {
        final History history;
        final String defaultTeam;
        final List<String> teams = new ArrayList<>();
        final Map<String, String> roles = new HashMap<>();
        final Set<String> wasAdmin = new HashSet<>();
        final Map<String, String> teamRoles = new HashMap<>();
        final Set<String> restrictedGroups = new HashSet<>();
        final Map<String, Instant> grantEnds = new HashMap<>();
        final Set<String> expiredGrants = new HashSet<>();
        final Set<String> grantsHeld = new HashSet<>();

        Model(History history) {
            this.history = history;
            this.defaultTeam = history.defaultTeamId();
            teams.add(defaultTeam);
        }

        String email(String user) {
            return user + "-" + history.organizationId() + "@example.com";
        }

        String id(String user) {
            return "u-" + user + "-" + history.organizationId();
        }

        String created() {
            roles.put("ann", "ADMIN");
            wasAdmin.add("ann");
            return history.organizationCreated(id("ann"), email("ann"));
        }

        String add(String user, String role) {
            roles.put(user, role);
            wasAdmin.remove(user);
            if (role.equals("ADMIN")) {
                wasAdmin.add(user);
            }
            return history.memberAdded(id(user), email(user), role);
        }

        boolean restricted(String team, String environment) {
            return restrictedGroups.contains(team + "/" + environment);
        }

        String decide(String user, String team, String environment) {
            String role = roles.get(user);
            if (role == null) {
                return "NOT_A_MEMBER";
            }
            if (role.equals("ADMIN")) {
                return "ORG_ADMIN";
            }
            String teamRole = teamRoles.getOrDefault(team + "/" + user, team.equals(defaultTeam) ? "MEMBER" : null);
            if (teamRole == null) {
                return "NOT_IN_TEAM";
            }
            if (teamRole.equals("ADMIN")) {
                return "TEAM_ADMIN";
            }
            if (!restricted(team, environment)) {
                return "UNRESTRICTED";
            }
            String grant = team + "/" + environment + "/" + user;
            if (grantsHeld.contains(grant)) {
                Instant end = grantEnds.get(grant);
                boolean ended = expiredGrants.contains(grant) || (end != null && !Instant.now().isBefore(end));
                return ended ? "GRANT_EXPIRED" : "GRANTED";
            }
            return wasAdmin.contains(user) ? "ADMIN_DEMOTED" : "NOT_GRANTED";
        }

        private boolean decidesGranted(String grant) {
            Instant end = grantEnds.get(grant);
            return !expiredGrants.contains(grant) && (end == null || Instant.now().isBefore(end));
        }

        /** Picks something environment-service could publish next, applies it here, and returns it. */
        String randomEvent(Random random) {
            while (true) {
                String user = USERS.get(random.nextInt(USERS.size()));
                String team = teams.get(random.nextInt(teams.size()));
                String environment = ENVIRONMENTS.get(random.nextInt(ENVIRONMENTS.size()));
                String group = team + "/" + environment;
                String grant = group + "/" + user;
                boolean member = roles.containsKey(user);
                switch (random.nextInt(12)) {
                    case 0:
                        if (!member) {
                            return add(user, random.nextInt(4) == 0 ? "ADMIN" : "MEMBER");
                        }
                        break;
                    case 1:
                        if (member && !user.equals("ann")) {
                            roles.remove(user);
                            wasAdmin.remove(user);
                            teamRoles.keySet().removeIf(k -> k.endsWith("/" + user));
                            grantsHeld.removeIf(k -> k.endsWith("/" + user));
                            return history.memberRemoved(id(user));
                        }
                        break;
                    case 2:
                        if (member && !user.equals("ann")) {
                            String previous = roles.get(user);
                            String role = previous.equals("ADMIN") ? "MEMBER" : "ADMIN";
                            roles.put(user, role);
                            if (role.equals("ADMIN")) {
                                wasAdmin.add(user);
                            }
                            return history.memberRoleChanged(id(user), role, previous);
                        }
                        break;
                    case 3:
                        if (teams.size() < 3) {
                            String created = "team-" + teams.size() + "-" + history.organizationId();
                            teams.add(created);
                            return history.teamCreated(created);
                        }
                        break;
                    case 4:
                        if (member) {
                            String role = random.nextInt(3) == 0 ? "ADMIN" : "MEMBER";
                            teamRoles.put(team + "/" + user, role);
                            return history.teamMemberAdded(team, id(user), role);
                        }
                        break;
                    case 5:
                        if (teamRoles.containsKey(team + "/" + user)) {
                            teamRoles.remove(team + "/" + user);
                            grantsHeld.removeIf(k -> k.startsWith(team + "/") && k.endsWith("/" + user));
                            return history.teamMemberRemoved(team, id(user));
                        }
                        break;
                    case 6:
                        if (!restricted(team, environment)) {
                            restrictedGroups.add(group);
                            return history.restricted(team, environment);
                        }
                        break;
                    case 7:
                        // environment-service revokes the grants still running first; ended ones go with the restriction.
                        if (restricted(team, environment) && grantsHeld.stream()
                                .noneMatch(k -> k.startsWith(group + "/") && decidesGranted(k))) {
                            restrictedGroups.remove(group);
                            grantsHeld.removeIf(k -> k.startsWith(group + "/"));
                            return history.unrestricted(team, environment);
                        }
                        break;
                    case 8:
                    case 9:
                        if (member && restricted(team, environment)) {
                            Instant end = switch (random.nextInt(3)) {
                                case 0 -> null;
                                case 1 -> Instant.now().plus(Duration.ofDays(1));
                                default -> Instant.now().minus(Duration.ofDays(1));
                            };
                            grantsHeld.add(grant);
                            expiredGrants.remove(grant);
                            grantEnds.put(grant, end);
                            return history.granted(team, environment, id(user), end);
                        }
                        break;
                    case 10:
                        if (grantsHeld.contains(grant)) {
                            grantsHeld.remove(grant);
                            return history.revoked(team, environment, id(user));
                        }
                        break;
                    default:
                        if (grantsHeld.contains(grant) && !expiredGrants.contains(grant)) {
                            expiredGrants.add(grant);
                            return history.grantExpired(team, environment, id(user), Instant.now());
                        }
                        break;
                }
            }
        }
    }
}
