package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.envguard.e2e.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile bodies and queries through the gateway, as an organisation's admin, against each service: malformed JSON,
 * wrong types, deep nesting, a body over the limit, injection strings in names, look-alike emails. Each gets the
 * contract's 4xx with a JSON error, and nothing is stored: the organisation's revision, teams, members, groups and
 * models read the same before and after.
 */
class HostileInputIT {

    private static final String INJECTION = "x'); DROP TABLE organization_position; --";
    /** "аdmin" with a Cyrillic "а" (U+0430): looks like the Latin word, is another address. */
    private static final String LOOK_ALIKE_EMAIL = "\u0430dmin@example.com";

    private static Organization organization;
    private static String modelId;

    @BeforeAll
    static void anOrganisationWithAModel() {
        organization = Gateway.newOrganization("hostile");
        modelId = as(organization.admin()).body(Map.of("name", "target")).post("/v1/models")
                .then().statusCode(200).extract().path("model.id");
        String deploymentId = as(organization.admin()).body(Map.of()).post("/v1/models/" + modelId + "/deployments")
                .then().statusCode(200).extract().path("deployment.id");
        as(organization.admin()).body(Map.of("deployment_id", deploymentId))
                .post("/v1/models/" + modelId + "/environments/production/promote").then().statusCode(200);
    }

    static Stream<Arguments> hostileRequests() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        String huge = "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        List<Arguments> cases = new ArrayList<>();
        for (String[] target : new String[][] {
                {"POST", "/v1/teams"}, {"POST", "/v1/environment_groups"}, {"POST", "/v1/members"},
                {"POST", "/v1/api_keys"}, {"POST", "/v1/models"}, {"POST", "/v1/chains"},
                {"POST", "/v1/permissions/check"}, {"POST", "/v1/permissions/check_batch"},
                {"PATCH", "/v1/environment_groups/production"},
                {"PATCH", "/v1/models/{model}/deployments/production/autoscaling_settings"}}) {
            String method = target[0];
            String path = target[1];
            cases.add(Arguments.of(method, path, "malformed JSON", "{\"name\": ", 400));
            cases.add(Arguments.of(method, path, "a JSON array", "[1, 2, 3]", 400));
            cases.add(Arguments.of(method, path, "deep nesting", "{\"name\": " + deep + "}", 400));
            cases.add(Arguments.of(method, path, "a body over the limit", huge, 413));
        }
        cases.add(Arguments.of("POST", "/v1/teams", "a number for a name", "{\"name\": 42}", 400));
        cases.add(Arguments.of("POST", "/v1/environment_groups", "an injection string for a name",
                "{\"name\": \"" + INJECTION + "\"}", 400));
        cases.add(Arguments.of("POST", "/v1/environment_groups", "a name of 65 characters",
                "{\"name\": \"" + "a".repeat(65) + "\"}", 400));
        cases.add(Arguments.of("POST", "/v1/members", "a look-alike email",
                "{\"email\": \"" + LOOK_ALIKE_EMAIL + "\", \"role\": \"MEMBER\"}", 400));
        cases.add(Arguments.of("POST", "/v1/members", "an unknown role",
                "{\"email\": \"someone@example.com\", \"role\": \"OWNER\"}", 400));
        cases.add(Arguments.of("PATCH", "/v1/environment_groups/production", "a string for is_restricted",
                "{\"manage_access\": {\"is_restricted\": \"yes\"}}", 400));
        cases.add(Arguments.of("PATCH", "/v1/environment_groups/production", "an injection string for a user id",
                "{\"manage_access\": {\"is_restricted\": true, \"user_ids\": [\"" + INJECTION + "\"]}}", 400));
        cases.add(Arguments.of("PATCH", "/v1/models/{model}/deployments/production/autoscaling_settings",
                "min_replica above max_replica", "{\"min_replica\": 5, \"max_replica\": 2}", 400));
        cases.add(Arguments.of("PATCH", "/v1/models/{model}/deployments/production/autoscaling_settings",
                "a negative window", "{\"autoscaling_window\": -1}", 400));
        cases.add(Arguments.of("PATCH", "/v1/models/{model}/deployments/production/autoscaling_settings",
                "a string for a number", "{\"min_replica\": \"one\"}", 400));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("hostileRequests")
    void aHostileRequestIsRefusedAndNothingIsStored(String method, String path, String what, String body, int status) {
        String state = observableState();
        Response response = as(organization.admin()).body(body)
                .request(method, path.replace("{model}", modelId));
        assertEquals(status, response.statusCode(), what + ": " + response.asString());
        assertTrue(response.contentType().startsWith("application/json"), what + ": answered " + response.contentType());
        assertTrue(response.jsonPath().getString("code") != null, what + ": no error code in " + response.asString());
        assertEquals(state, observableState(), what + " changed something");
    }

    @ParameterizedTest(name = "members?query={0}")
    @MethodSource("hostileQueries")
    void aHostileSearchFindsNothingAndBreaksNothing(String query) {
        as(organization.admin()).queryParam("query", query).get("/v1/members")
                .then().statusCode(200).body("items.size()", equalTo(0));
    }

    static Stream<String> hostileQueries() {
        return Stream.of("' OR 1=1 --", INJECTION, "%", "_", "\\", LOOK_ALIKE_EMAIL, "\u0000");
    }

    /** What a change would have changed, read through the gateway. */
    private static String observableState() {
        User admin = organization.admin();
        return String.join("\n",
                as(admin).get("/v1/organization").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/teams").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/members").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/environment_groups").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/api_keys").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/models").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/chains").then().statusCode(200).extract().asString(),
                as(admin).get("/v1/models/" + modelId + "/deployments/production").then().statusCode(200).extract().asString());
    }
}
