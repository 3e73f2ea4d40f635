package io.envguard.e2e;

import io.envguard.e2e.Gateway.User;
import io.envguard.e2e.TwoOrganizations.Scope;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.envguard.e2e.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Isolation, endpoint by endpoint, through the gateway. Every public endpoint of the contract is asked, in this order, by
 * <ol>
 *   <li>no one: 401, except the local token issuer;</li>
 *   <li>a <b>stranger</b>, the admin of organisation B, about organisation A's things: 404, as for things that do not
 *       exist. Where the endpoint names nothing of A, B gets its own answer. Never an identifier of A;</li>
 *   <li>an <b>outsider</b>, a member of A who is in team 1 only, about team 2's things (or another user's API key):
 *       404, and nothing of team 2;</li>
 *   <li>that same <b>member</b> about team 1's things: what the contract gives a member, 403 where it is for admins;</li>
 *   <li>A's <b>admin</b>, on the endpoints for admins only: 2xx.</li>
 * </ol>
 * For every endpoint that changes something, A's state is compared before and after the first three.
 * The setup is described by {@link TwoOrganizations}; the placeholders of paths and bodies are resolved there.
 */
class IsolationMatrixIT {

    /** This caller is not asked: the endpoint names nothing of a team (outsider), or is not for admins only (admin). */
    private static final int NOT_ASKED = 0;
    /** A creation, answered 200 for a model (Baseten's) and 201 for a chain (Envguard's own); see {@link #forKind}. */
    private static final int CREATION = -1;
    private static final Map<Integer, String> CODES = Map.of(400, "VALIDATION_FAILED", 401, "UNAUTHENTICATED",
            403, "FORBIDDEN", 404, "NOT_FOUND", 409, "CONFLICT");

    /**
     * The matrix: method | path | what no one (non), the stranger (str), the outsider (out), the member (mem) and the
     * admin (adm) are answered, {@code -} where not asked | body. Bodies are JSON written with single quotes, for
     * legibility; {@code #} starts a comment.
     */
    private static final String ENDPOINTS = """
            # method | path                                                    | non | str | out | mem | adm | body
            # The local token issuer is open to anyone in the local profile: the one endpoint without credentials.
            POST   | /v1/auth/token                                          | 200 | -   | -   | -   | -   | {'email': 'new-{fresh}@example.com', 'name': 'New'}
            POST   | /v1/organizations                                       | 401 | 409 | -   | 409 | -   | {'name': 'Another'}
            GET    | /v1/organization                                        | 401 | 200 | -   | 200 | -   |
            GET    | /v1/users/me                                            | 401 | 200 | -   | 200 | -   |
            GET    | /v1/users                                               | 401 | 200 | -   | 200 | -   |
            GET    | /v1/users/{user}                                        | 401 | 404 | -   | 200 | -   |
            POST   | /v1/members                                             | 401 | 201 | -   | 403 | 201 | {'email': 'new-{fresh}@example.com', 'role': 'MEMBER'}
            # A user belongs to one organisation: B cannot take in a member of A.
            POST   | /v1/members                                             | 401 | 409 | -   | 403 | -   | {'email': '{peer_email}', 'role': 'MEMBER'}
            GET    | /v1/members?query={peer_email}                          | 401 | 200 | -   | 200 | -   |
            GET    | /v1/members/{user}                                      | 401 | 404 | -   | 200 | -   |
            PATCH  | /v1/members/{user}                                      | 401 | 404 | -   | 403 | 200 | {'role': 'ADMIN'}
            DELETE | /v1/members/{removable}                                 | 401 | 404 | -   | 403 | 200 |
            POST   | /v1/teams                                               | 401 | 201 | -   | 403 | 201 | {'name': 'team-{fresh}'}
            GET    | /v1/teams                                               | 401 | 200 | -   | 200 | -   |
            GET    | /v1/teams/{team}                                        | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/teams/{team}/members                                | 401 | 404 | 404 | 403 | 201 | {'user_id': '{joiner}', 'role': 'MEMBER'}
            DELETE | /v1/teams/{team}/members/{leaver}                       | 401 | 404 | 404 | 403 | 200 |
            # The default team's groups: B's admin reaches B's own, where a user of A is no member (400) and holds no grant.
            GET    | /v1/environment_groups                                  | 401 | 200 | -   | 200 | -   |
            POST   | /v1/environment_groups                                  | 401 | 201 | -   | 201 | -   | {'name': 'env-{fresh}'}
            POST   | /v1/environment_groups                                  | 401 | 201 | -   | 403 | 201 | {'name': 'env-{fresh}', 'manage_access': {'is_restricted': true, 'user_ids': []}}
            GET    | /v1/environment_groups/{env}                            | 401 | 200 | -   | 200 | -   |
            PATCH  | /v1/environment_groups/{env}                            | 401 | 400 | -   | 403 | 200 | {'manage_access': {'is_restricted': true, 'user_ids': ['{peer}']}}
            PUT    | /v1/environment_groups/{env}/grants/{peer}              | 401 | 400 | -   | 403 | 200 | {}
            DELETE | /v1/environment_groups/{env}/grants/{peer}              | 401 | 404 | -   | 403 | 200 |
            GET    | /v1/environment_groups/{env}/history                    | 401 | 200 | -   | 200 | -   |
            GET    | /v1/environment_groups/{env}/access                     | 401 | 200 | -   | 200 | -   |
            GET    | /v1/teams/{team}/environment_groups                     | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/teams/{team}/environment_groups                     | 401 | 404 | 404 | 201 | -   | {'name': 'env-{fresh}'}
            POST   | /v1/teams/{team}/environment_groups                     | 401 | 404 | 404 | 403 | 201 | {'name': 'env-{fresh}', 'manage_access': {'is_restricted': true, 'user_ids': []}}
            GET    | /v1/teams/{team}/environment_groups/{env}               | 401 | 404 | 404 | 200 | -   |
            PATCH  | /v1/teams/{team}/environment_groups/{env}               | 401 | 404 | 404 | 403 | 200 | {'manage_access': {'is_restricted': true, 'user_ids': ['{peer}']}}
            PUT    | /v1/teams/{team}/environment_groups/{env}/grants/{peer} | 401 | 404 | 404 | 403 | 200 | {}
            DELETE | /v1/teams/{team}/environment_groups/{env}/grants/{peer} | 401 | 404 | 404 | 403 | 200 |
            GET    | /v1/teams/{team}/environment_groups/{env}/history       | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/teams/{team}/environment_groups/{env}/access        | 401 | 404 | 404 | 200 | -   |
            # For the outsider, {key} is another user's key.
            POST   | /v1/api_keys                                            | 401 | 200 | -   | 200 | -   | {'name': 'ci', 'type': 'PERSONAL'}
            POST   | /v1/teams/{team}/api_keys                               | 401 | 404 | 404 | 200 | -   | {'name': 'ci', 'type': 'PERSONAL'}
            GET    | /v1/api_keys                                            | 401 | 200 | -   | 200 | -   |
            DELETE | /v1/api_keys/{key}                                      | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/permissions/check                                   | 401 | 404 | 404 | 200 | -   | {'action': 'PROMOTE', 'team_id': '{team}', 'environment': 'production'}
            # Asking about another user is for admins, whichever team is named.
            POST   | /v1/permissions/check                                   | 401 | 404 | 403 | 403 | 200 | {'action': 'PROMOTE', 'team_id': '{team}', 'environment': 'production', 'user_id': '{peer}'}
            POST   | /v1/permissions/check_batch                             | 401 | 404 | 404 | 200 | -   | {'checks': [{'action': 'PROMOTE', 'team_id': '{team}', 'environment': 'production'}]}
            GET    | /v1/audit_logs                                          | 401 | 200 | -   | 403 | 200 |
            GET    | /v1/audit_logs?user_id={peer}                           | 401 | 200 | -   | 403 | 200 |
            PATCH  | /v1/chains/{chain}/environments/production/chainlet_settings/autoscaling_settings | 401 | 404 | 404 | 200 | -   | {'updates': [{'chainlet_name': 'entrypoint', 'autoscaling_settings': {'max_replica': 2}}]}
            POST   | /v1/chains/{chain}/environments/production/chainlet_settings/instance_types/update | 401 | 404 | 404 | 200 | -   | {'updates': [{'chainlet_name': 'entrypoint', 'instance_type_id': '2x8'}]}
            GET    | /v1/chains/{chain}/deployments/{chain_deployment}/chainlets/entrypoint/logs        | 401 | 404 | 404 | 200 | -   |
            """;

    /**
     * The paths models and chains share, asked for each: {@code {kind}}, {@code {workload}}, {@code {deployment}} (one of
     * the workload's), {@code {workload_field}} and {@code {call}} are filled in by {@link #forKind}. Paths under
     * {@code {home_workload}} name a deployment of another model or chain under one of the caller's own. {@code new} is
     * the status of a creation: Baseten's 200 for a model, Envguard's own 201 for a chain.
     */
    private static final String WORKLOAD_ENDPOINTS = """
            # method | path                                                                | non | str | out | mem | adm | body
            POST   | /v1/{kind}                                                          | 401 | 404 | 404 | new | -   | {'name': 'w-{fresh}', 'team_id': '{team}'}
            GET    | /v1/{kind}                                                          | 401 | 200 | -   | 200 | -   |
            GET    | /v1/{kind}/{workload}                                               | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/deployments                                   | 401 | 404 | 404 | new | -   | {}
            GET    | /v1/{kind}/{workload}/deployments                                   | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/{kind}/{workload}/deployments/{deployment}                      | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/{kind}/{home_workload}/deployments/{deployment}                 | 401 | 404 | 404 | 200 | -   |
            PATCH  | /v1/{kind}/{workload}/deployments/{deployment}                      | 401 | 404 | 404 | 200 | -   | {'instance_type': 'A10G'}
            PATCH  | /v1/{kind}/{home_workload}/deployments/{deployment}                 | 401 | 404 | 404 | 200 | -   | {'instance_type': 'H100'}
            PATCH  | /v1/{kind}/{workload}/deployments/{deployment}/autoscaling_settings | 401 | 404 | 404 | 200 | -   | {'max_replica': 2}
            PATCH  | /v1/{kind}/{workload}/deployments/production/autoscaling_settings   | 401 | 404 | 404 | 200 | -   | {'max_replica': 3}
            POST   | /v1/{kind}/{workload}/deployments/{deployment}/promote              | 401 | 404 | 404 | 200 | -   | {}
            POST   | /v1/{kind}/{home_workload}/deployments/{deployment}/promote         | 401 | 404 | 404 | 200 | -   | {}
            GET    | /v1/{kind}/{workload}/deployments/{deployment}/logs                 | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/{kind}/{workload}/deployments/{deployment}/metrics              | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/{kind}/{workload}/environments                                  | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments                                  | 401 | 404 | 404 | 200 | -   | {'name': 'env-{fresh}'}
            GET    | /v1/{kind}/{workload}/environments/production                       | 401 | 404 | 404 | 200 | -   |
            PATCH  | /v1/{kind}/{workload}/environments/production                       | 401 | 404 | 404 | 200 | -   | {'promotion_settings': {'rolling_deploy': true}}
            DELETE | /v1/{kind}/{workload}/environments/{doomed}                         | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments/production/promote               | 401 | 404 | 404 | 200 | -   | {'deployment_id': '{deployment}'}
            POST   | /v1/{kind}/{home_workload}/environments/production/promote          | 401 | 404 | 404 | 200 | -   | {'deployment_id': '{deployment}'}
            POST   | /v1/{kind}/{workload}/environments/production/{call}                | 401 | 404 | 404 | 200 | -   | {'input': 1}
            POST   | /v1/{kind}/{workload}/deployments/{deployment}/deactivate           | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/deployments/{deployment}/activate             | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments/production/deactivate            | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments/production/activate              | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments/production/cancel_promotion      | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/environments/production/pause_promotion       | 401 | 404 | 404 | 200 | -   |
            PATCH  | /v1/{kind}/{workload}/deployments/{deployment}/request_backpressure_settings | 401 | 404 | 404 | 200 | -   | {'policy': 'QUEUE_ON_FULL'}
            GET    | /v1/{kind}/{workload}/environments/production/logs                  | 401 | 404 | 404 | 200 | -   |
            GET    | /v1/{kind}/{workload}/environments/production/metrics               | 401 | 404 | 404 | 200 | -   |
            POST   | /v1/{kind}/{workload}/deployments/{deployment}/logs                 | 401 | 404 | 404 | 200 | -   | {}
            # Current in production: the member may, and is told to promote another first.
            DELETE | /v1/{kind}/{workload}/deployments/{deployment}                      | 401 | 404 | 404 | 409 | -   |
            # Asked of those who must not see it only: the model or chain is needed by the rows after it.
            DELETE | /v1/{kind}/{workload}                                               | 401 | 404 | 404 | -   | -   |
            POST   | /v1/permissions/check                                               | 401 | 404 | 404 | 200 | -   | {'action': 'PROMOTE', '{workload_field}': '{workload}', 'environment': 'production'}
            POST   | /v1/permissions/check_batch                                         | 401 | 404 | 404 | 200 | -   | {'checks': [{'action': 'PROMOTE', '{workload_field}': '{workload}', 'environment': 'production'}]}
            """;

    private static TwoOrganizations world;

    /** One endpoint and what each caller must be answered. */
    record Endpoint(String method, String path, String body, int anonymous, int stranger, int outsider, int member,
                    int admin) {

        boolean changes() {
            return !method.equals("GET");
        }

        String json(Scope scope) {
            return body == null ? null : scope.resolve(body).replace('\'', '"');
        }

        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + body);
        }
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>(parse(ENDPOINTS));
        for (String kind : List.of("models", "chains")) {
            parse(WORKLOAD_ENDPOINTS).stream().map(endpoint -> forKind(endpoint, kind)).forEach(endpoints::add);
        }
        return endpoints;
    }

    private static List<Endpoint> parse(String table) {
        return table.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> {
                    String[] cells = line.split("\\|", 8);
                    String body = cells[7].strip();
                    return new Endpoint(cells[0].strip(), cells[1].strip(), body.isEmpty() ? null : body,
                            status(cells[2]), status(cells[3]), status(cells[4]), status(cells[5]), status(cells[6]));
                })
                .toList();
    }

    private static int status(String cell) {
        return switch (cell.strip()) {
            case "-" -> NOT_ASKED;
            case "new" -> CREATION;
            default -> Integer.parseInt(cell.strip());
        };
    }

    private static Endpoint forKind(Endpoint endpoint, String kind) {
        String singular = kind.substring(0, kind.length() - 1);
        Map<String, String> fill = Map.of("{kind}", kind, "{workload}", "{" + singular + "}",
                "{home_workload}", "{home_" + singular + "}", "{deployment}", "{" + singular + "_deployment}",
                "{workload_field}", singular + "_id", "{call}", kind.equals("models") ? "predict" : "run_remote");
        String path = endpoint.path();
        String body = endpoint.body();
        for (Map.Entry<String, String> entry : fill.entrySet()) {
            path = path.replace(entry.getKey(), entry.getValue());
            body = body == null ? null : body.replace(entry.getKey(), entry.getValue());
        }
        int created = kind.equals("models") ? 200 : 201;
        return new Endpoint(endpoint.method(), path, body, endpoint.anonymous(), endpoint.stranger(),
                endpoint.outsider(), endpoint.member() == CREATION ? created : endpoint.member(), endpoint.admin());
    }

    @BeforeAll
    static void twoOrganisations() {
        world = TwoOrganizations.create();
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointKeepsOrganisationsAndTeamsApart() {
        return endpoints().stream().map(endpoint -> dynamicTest(endpoint.toString(), () -> check(endpoint)));
    }

    /** The internal API of authz-service answers only inside the platform: the gateway routes none of it. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,  /internal/v1/principal",
            "POST, /internal/v1/checks",
            "POST, /internal/v1/checks/batch",
            "GET,  /internal/v1/organizations/{organization}/revision",
            "GET,  /internal/v1/organizations/{organization}/teams/{team}/environments/production/access",
            "GET,  /internal/v1/access-table/rebuild",
            "POST, /internal/v1/access-table/rebuild",
    })
    void theInternalApiIsNotRoutedByTheGateway(String method, String path) {
        as(world.adminOfA()).body("{}").request(method, world.team1().resolve(path))
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    private static void check(Endpoint endpoint) {
        String before = endpoint.changes() ? world.stateOfA() : null;
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> ask(null, "no one", endpoint, endpoint.anonymous(), world.team1(), Set.of()));
        checks.add(() -> ask(world.adminOfB(), "the admin of B", endpoint, endpoint.stranger(), world.team1FromB(),
                world.everythingOfA()));
        checks.add(() -> ask(world.member(), "a member of team 1 about team 2", endpoint, endpoint.outsider(),
                world.team2(), world.everythingOfTeam2()));
        if (before != null) {
            checks.add(() -> assertEquals(before, world.stateOfA(), "A's state changed"));
        }
        checks.add(() -> ask(world.member(), "a member of team 1", endpoint, endpoint.member(), world.team1(),
                world.everythingOfTeam2()));
        checks.add(() -> ask(world.adminOfA(), "the admin of A", endpoint, endpoint.admin(), world.team1(), Set.of()));
        assertAll(endpoint.toString(), checks.stream());
    }

    /**
     * Asks the endpoint as the caller (no one when null) and checks the status, the error code, and that no secret
     * appears in the answer unless the request itself named it.
     */
    private static void ask(User caller, String who, Endpoint endpoint, int expected, Scope scope, Set<String> secrets) {
        if (expected == NOT_ASKED) {
            return;
        }
        String path = scope.resolve(endpoint.path());
        String body = endpoint.json(scope);
        RequestSpecification request = caller == null ? Gateway.anonymous() : as(caller);
        Response response = (body == null ? request : request.body(body)).request(endpoint.method(), path);
        String answer = response.asString();
        String asked = endpoint.method() + " " + path + (body == null ? "" : " " + body);
        assertEquals(expected, response.statusCode(), who + ": " + asked + " answered " + answer);
        if (CODES.containsKey(expected)) {
            assertEquals(CODES.get(expected), response.path("code"), who + ": " + asked + " answered " + answer);
        }
        for (String secret : secrets) {
            boolean shown = answer.contains(secret) && !asked.contains(secret);
            assertFalse(shown, who + " was shown " + secret + ": " + asked + " answered " + answer);
        }
    }
}
