package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.envguard.e2e.Gateway.as;

/**
 * The world of the isolation matrix, made through the gateway.
 * <p>
 * Organisation A has two teams. Each holds a model and a chain, each of those with a deployment current in
 * {@code production} and an environment {@code doomed}; a restricted group {@code staging} granting the team's
 * {@code peer}; and a {@code leaver}. The default team has a restricted {@code staging} too. A's users are its admin,
 * the {@linkplain #member() member} (a plain member of team 1 only, with an API key), the peers and leavers, and three
 * members of no team: one to read and promote ({@code user}), one to remove ({@code removable}) and one to add to a team
 * ({@code joiner}). The peer of team 2 has an API key too.
 * <p>
 * Organisation B has an admin, a restricted {@code staging}, and a model and a chain with a deployment each.
 * <p>
 * Endpoint templates name things by placeholders, resolved by a {@link Scope}: {@code {organization}} (A's),
 * {@code {team}}, {@code {model}}, {@code {chain}}, {@code {model_deployment}}, {@code {chain_deployment}},
 * {@code {peer}}, {@code {peer_email}}, {@code {leaver}}, {@code {key}}, {@code {user}}, {@code {removable}},
 * {@code {joiner}}, {@code {env}}, {@code {doomed}}; {@code {home_model}} and the like for the caller's own things;
 * {@code {fresh}} for a new name.
 */
final class TwoOrganizations {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    /** Fresh names are unique to the run, as emails and names of earlier runs stay taken. */
    private static final String RUN = "x" + UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger FRESH = new AtomicInteger();
    private static final List<String> KINDS = List.of("models", "chains");

    private final Organization a;
    private final User member;
    private final User adminOfB;
    private final Map<String, String> team1;
    private final Map<String, String> team2;
    private final Map<String, String> homeOfB;
    private final Set<String> everythingOfA;

    private TwoOrganizations(Organization a, User member, User adminOfB, Map<String, String> team1,
                             Map<String, String> team2, Map<String, String> homeOfB, Set<String> everythingOfA) {
        this.a = a;
        this.member = member;
        this.adminOfB = adminOfB;
        this.team1 = team1;
        this.team2 = team2;
        this.homeOfB = homeOfB;
        this.everythingOfA = everythingOfA;
    }

    static TwoOrganizations create() {
        Organization a = Gateway.newOrganization("iso-a");
        User member = Gateway.newMember(a, "member", "MEMBER");
        Map<String, String> outsideTeams = new HashMap<>(Map.of(
                "organization", a.id(),
                "user", Gateway.newMember(a, "reader", "MEMBER").id(),
                "removable", Gateway.newMember(a, "removable", "MEMBER").id(),
                "joiner", Gateway.newMember(a, "joiner", "MEMBER").id(),
                "env", "staging",
                "doomed", "doomed"));
        Map<String, String> team1 = newTeam(a, "team-1", member, outsideTeams);
        Map<String, String> team2 = newTeam(a, "team-2", null, outsideTeams);
        restrictStaging(a.admin(), "/v1/environment_groups", team1.get("peer"));

        Organization b = Gateway.newOrganization("iso-b");
        restrictStaging(b.admin(), "/v1/environment_groups", null);
        Map<String, String> homeOfB = new HashMap<>();
        addWorkloads(b.admin(), b.defaultTeamId(), homeOfB);

        Set<String> everythingOfA = new HashSet<>(List.of(a.id(), a.defaultTeamId(), a.admin().id(),
                a.admin().email(), member.id(), member.email()));
        for (Map<String, String> team : List.of(team1, team2)) {
            team.forEach((name, value) -> {
                if (!name.equals("env") && !name.equals("doomed")) {
                    everythingOfA.add(value);
                }
            });
        }
        return new TwoOrganizations(a, member, b.admin(), team1, team2, homeOfB, everythingOfA);
    }

    User adminOfA() {
        return a.admin();
    }

    /** A plain member of organisation A, in team 1 and not in team 2. */
    User member() {
        return member;
    }

    User adminOfB() {
        return adminOfB;
    }

    /** The things of team 1, for a caller at home there (its member, A's admin); {@code {key}} is the member's. */
    Scope team1() {
        return new Scope(team1, team1);
    }

    /** The things of team 2 (and its peer's API key), for a caller at home in team 1. */
    Scope team2() {
        return new Scope(team2, team1);
    }

    /** The things of team 1, for a caller at home in organisation B. */
    Scope team1FromB() {
        return new Scope(team1, homeOfB);
    }

    /** Every identifier and email of organisation A: none may appear in what B is answered. */
    Set<String> everythingOfA() {
        return everythingOfA;
    }

    /** What team 2 holds: none of it may appear in what a member of team 1 only is answered. */
    Set<String> everythingOfTeam2() {
        return Set.of(team2.get("team"), team2.get("model"), team2.get("chain"), team2.get("model_deployment"),
                team2.get("chain_deployment"), team2.get("key"));
    }

    /**
     * A's state as its admin sees it: the organisation's revision, which every change of environment-service moves,
     * and every model and chain with its deployments and environments.
     */
    String stateOfA() {
        StringBuilder state = new StringBuilder(read("/v1/organization"));
        for (String kind : KINDS) {
            state.append(read("/v1/" + kind + "?limit=100"));
            for (Map<String, String> team : List.of(team1, team2)) {
                String workload = "/v1/" + kind + "/" + team.get(singular(kind));
                state.append(read(workload + "/deployments")).append(read(workload + "/environments"));
            }
        }
        return state.toString();
    }

    /** Placeholders resolved against one team's things and the caller's own models and chains. */
    record Scope(Map<String, String> things, Map<String, String> home) {

        String resolve(String template) {
            if (template == null) {
                return null;
            }
            Matcher matcher = PLACEHOLDER.matcher(template);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value(matcher.group(1))));
            }
            return matcher.appendTail(resolved).toString();
        }

        private String value(String name) {
            if (name.equals("fresh")) {
                return RUN + "-" + FRESH.incrementAndGet();
            }
            boolean ofHome = name.startsWith("home_");
            String value = (ofHome ? home : things).get(ofHome ? name.substring("home_".length()) : name);
            if (value == null) {
                throw new IllegalArgumentException("no value for the placeholder {" + name + "}");
            }
            return value;
        }
    }

    private String read(String path) {
        return as(a.admin()).get(path).then().statusCode(200).extract().asString();
    }

    private static String singular(String kind) {
        return kind.substring(0, kind.length() - 1);
    }

    /** A team with a peer (granted on its restricted {@code staging}), a leaver, a model and a chain. */
    private static Map<String, String> newTeam(Organization organization, String name, User member,
                                               Map<String, String> outsideTeams) {
        User admin = organization.admin();
        String teamId = as(admin).body(Map.of("name", name)).post("/v1/teams").then().statusCode(201).extract().path("id");
        User peer = Gateway.newMember(organization, "peer-" + name, "MEMBER");
        User leaver = Gateway.newMember(organization, "leaver-" + name, "MEMBER");
        for (User user : member == null ? List.of(peer, leaver) : List.of(member, peer, leaver)) {
            as(admin).body(Map.of("user_id", user.id(), "role", "MEMBER")).post("/v1/teams/" + teamId + "/members")
                    .then().statusCode(201);
        }
        restrictStaging(admin, "/v1/teams/" + teamId + "/environment_groups", peer.id());
        Map<String, String> team = new HashMap<>(outsideTeams);
        team.put("team", teamId);
        team.put("peer", peer.id());
        team.put("peer_email", peer.email());
        team.put("leaver", leaver.id());
        // The key a member of team 1 addresses: their own in team 1, someone else's in team 2.
        team.put("key", apiKeyOf(member != null ? member : peer));
        addWorkloads(admin, teamId, team);
        return team;
    }

    private static void restrictStaging(User admin, String groups, String grantee) {
        as(admin).body(Map.of("name", "staging",
                        "manage_access", Map.of("is_restricted", true, "user_ids", grantee == null ? List.of() : List.of(grantee))))
                .post(groups).then().statusCode(201);
    }

    /** A model and a chain in the team, each with a deployment current in production and an environment to delete. */
    private static void addWorkloads(User admin, String teamId, Map<String, String> into) {
        for (String kind : KINDS) {
            String id = Gateway.created(as(admin).body(Map.of("name", singular(kind), "team_id", teamId)), kind);
            String deployment = Gateway.pushed(as(admin).body(Map.of()), "/v1/" + kind + "/" + id);
            as(admin).body(Map.of("deployment_id", deployment))
                    .post("/v1/" + kind + "/" + id + "/environments/production/promote").then().statusCode(200);
            as(admin).body(Map.of("name", "doomed")).post("/v1/" + kind + "/" + id + "/environments")
                    .then().statusCode(200);
            into.put(singular(kind), id);
            into.put(singular(kind) + "_deployment", deployment);
        }
    }

    private static String apiKeyOf(User user) {
        return as(user).body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(200).extract().path("prefix");
    }
}
