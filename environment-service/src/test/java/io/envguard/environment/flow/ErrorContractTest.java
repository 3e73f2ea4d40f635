package io.envguard.environment.flow;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

/** Every error is the contract's JSON, and nothing runs for a caller without a valid credential. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class ErrorContractTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /v1/organizations",
            "GET,    /v1/organization",
            "POST,   /v1/members",
            "GET,    /v1/members",
            "GET,    /v1/members/00000000-0000-4000-8000-000000000000",
            "PATCH,  /v1/members/00000000-0000-4000-8000-000000000000",
            "DELETE, /v1/members/00000000-0000-4000-8000-000000000000",
            "POST,   /v1/teams",
            "GET,    /v1/teams",
            "POST,   /v1/teams/00000000-0000-4000-8000-000000000000/members",
            "DELETE, /v1/teams/00000000-0000-4000-8000-000000000000/members/00000000-0000-4000-8000-000000000000",
            "GET,    /v1/teams/00000000-0000-4000-8000-000000000000",
            "GET,    /v1/teams/00000000-0000-4000-8000-000000000000/environment_groups",
            "POST,   /v1/teams/00000000-0000-4000-8000-000000000000/api_keys",
            "GET,    /v1/users",
            "GET,    /v1/users/me",
            "GET,    /v1/users/00000000-0000-4000-8000-000000000000",
            "GET,    /v1/environment_groups",
            "POST,   /v1/environment_groups",
            "GET,    /v1/environment_groups/production",
            "PATCH,  /v1/environment_groups/production",
            "PUT,    /v1/environment_groups/production/grants/00000000-0000-4000-8000-000000000000",
            "DELETE, /v1/environment_groups/production/grants/00000000-0000-4000-8000-000000000000",
            "GET,    /v1/environment_groups/production/history",
            "GET,    /v1/environment_groups/production/access",
            "POST,   /v1/api_keys",
            "GET,    /v1/api_keys",
            "DELETE, /v1/api_keys/abcdefghij",
    })
    void everyEndpointWithoutCredentialsIsUnauthenticated(String method, String path) {
        RestAssured.given().contentType(ContentType.JSON).body("{}").request(method, path)
                .then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED"))
                .body("message", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-jwt", "Bearer a.b.c", "Bearer abcdefghij.wrongsecret",
            "Api-Key abcdefghij.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Api-Key", "Basic YWRhOnNlY3JldA==",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiZW1haWwiOiJ4QHkueiJ9."})
    void aBadCredentialIsUnauthenticated(String authorization) {
        RestAssured.given().header("Authorization", authorization).get("/v1/organization")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health", "/q/health/ready", "/q/metrics", "/openapi/environment-service.json"})
    void operationalEndpointsNeedNoCredential(String path) {
        RestAssured.given().get(path).then().statusCode(200);
    }

    @Test
    void malformedJsonIsAValidationFailure() {
        Api admin = Api.newUser("ada");
        admin.request().body("{\"name\": ").post("/v1/organizations")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("$", hasKey("fields"));
    }

    @Test
    void aWrongJsonTypeIsAValidationFailureNamingTheField() {
        Api admin = Api.newUser("ada");
        admin.request().body("{\"name\": 42}").post("/v1/organizations")
                .then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("fields", hasKey("name"));
        admin.request().get("/v1/organization").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void anOversizedBodyIsPayloadTooLarge() {
        Api admin = Api.newUser("ada");
        admin.request().body(Map.of("name", "x".repeat(100 * 1024))).post("/v1/organizations")
                .then().statusCode(413)
                .body("code", equalTo("PAYLOAD_TOO_LARGE"));
    }

    @Test
    void aCallerWithoutOrganizationGetsNotFound() {
        Api loner = Api.newUser("lonely");
        loner.request().get("/v1/organization").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        loner.request().get("/v1/environment_groups").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void theTokenIssuerRefusesALookAlikeEmail() {
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", "\u0430dmin@example.com", "name", "Mallory"))
                .post("/v1/auth/token")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("fields", hasKey("email"));
    }

    @Test
    void theTokenIssuerAnswersATokenAndItsExpiry() {
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("email", "Someone@Example.com", "name", "Someone"))
                .post("/v1/auth/token")
                .then().statusCode(200)
                .body("token", notNullValue())
                .body("expires_at", notNullValue());
    }
}
