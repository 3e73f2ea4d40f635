package io.envguard.environment.consistency;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A change is answered only once authz-service has its revision; without that confirmation the answer is 503. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class ConsistencyTest {

    private static final String PRODUCTION = "/v1/environment_groups/production";

    @AfterEach
    void authzConfirmsAgain() {
        setAuthzStatus(200);
    }

    @Test
    void aChangeWaitsForAuthzToReachItsRevisionWithTheCallersCredential() {
        Api admin = Api.newUser("ada");
        String organizationId = admin.createOrganization("Acme");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200).body("revision", equalTo(2));

        assertEquals("/internal/v1/organizations/" + organizationId + "/revision?at_least=2&wait_ms=5000 "
                + admin.authorization(), lastAuthzCall());
    }

    @Test
    void aChangeAuthzDoesNotConfirmIsAnsweredUnavailableButStaysRecorded() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        setAuthzStatus(503);
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(503)
                .body("code", equalTo("AUTHZ_UNAVAILABLE"))
                .body("revision", equalTo(2))
                .body("message", containsString("recorded"));
        admin.request().get(PRODUCTION).then().statusCode(200)
                .body("manage_access.is_restricted", equalTo(true));
    }

    @Test
    void deletingTheApiKeyInUseIsConfirmedByAuthzRefusingIt() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        var created = admin.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys").then().extract();
        setAuthzStatus(401);
        admin.withAuthorization("Api-Key " + created.path("api_key")).request()
                .delete("/v1/api_keys/" + created.path("prefix")).then().statusCode(200);
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(503);
    }

    private static void setAuthzStatus(int status) {
        RestAssured.given().post(authzUrl() + "/control/status/" + status).then().statusCode(204);
    }

    private static String lastAuthzCall() {
        List<String> calls = List.of(RestAssured.given().get(authzUrl() + "/control/calls").asString().split("\n"));
        return calls.get(calls.size() - 1);
    }

    private static String authzUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.rest-client.authz.url", String.class);
    }
}
