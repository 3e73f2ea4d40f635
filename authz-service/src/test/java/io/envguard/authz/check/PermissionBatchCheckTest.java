package io.envguard.authz.check;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/permissions/check_batch}: many dry runs in one request, each the same decision as the single check. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PermissionBatchCheckTest {

    @Inject
    Platform platform;

    private History org;
    private String id;
    private String admin;
    private String member;
    private String model;

    @BeforeEach
    void anOrganisationWithRestrictedProduction() {
        id = UUID.randomUUID().toString();
        org = new History("org-" + id);
        admin = "admin-" + id + "@example.com";
        member = "member-" + id + "@example.com";
        // A model and a chain "of-<team>" in that team, as deployment-service names their owners when it relays a batch.
        model = "of-" + org.defaultTeamId();
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, admin),
                org.memberAdded("u-member-" + id, member, "MEMBER"),
                org.restricted(org.defaultTeamId(), "production"));
    }

    @Test
    void eachEntryIsAnsweredInTheOrderAskedWithItsReason() {
        batch(member, List.of(
                Map.of("action", "PROMOTE", "model_id", model, "environment", "production"),
                Map.of("action", "UPDATE_AUTOSCALING", "model_id", model, "environment", "development"),
                Map.of("action", "MANAGE_ENVIRONMENT", "chain_id", model, "environment", "production"),
                Map.of("action", "UPDATE_DEPLOYMENT", "team_id", org.defaultTeamId(), "environment", "production")))
                .statusCode(200)
                .body("results", hasSize(4))
                .body("results[0].allowed", equalTo(false)).body("results[0].reason", equalTo("NOT_GRANTED"))
                .body("results[0].model_id", equalTo(model)).body("results[0].action", equalTo("PROMOTE"))
                .body("results[0].revision", equalTo((int) org.revision()))
                .body("results[1].allowed", equalTo(true)).body("results[1].reason", equalTo("UNRESTRICTED"))
                .body("results[2].allowed", equalTo(false)).body("results[2].chain_id", equalTo(model))
                .body("results[3].allowed", equalTo(false)).body("results[3].team_id", equalTo(org.defaultTeamId()));
    }

    @Test
    void theAnswersFollowGrantsAndDemotionsLikeTheSingleCheck() {
        List<Map<String, String>> promote = List.of(Map.of("action", "PROMOTE", "model_id", model, "environment", "production"));
        batch(admin, promote).statusCode(200).body("results[0].reason", equalTo("ORG_ADMIN"));
        platform.appendAndAwait(org, org.granted(org.defaultTeamId(), "production", "u-member-" + id, null));
        batch(member, promote).statusCode(200).body("results[0].allowed", equalTo(true))
                .body("results[0].reason", equalTo("GRANTED"));
        platform.appendAndAwait(org,
                org.memberAdded("u-second-" + id, "second-" + id + "@example.com", "ADMIN"),
                org.memberRoleChanged("u-admin-" + id, "MEMBER", "ADMIN"));
        batch(admin, promote).statusCode(200).body("results[0].allowed", equalTo(false))
                .body("results[0].reason", equalTo("ADMIN_DEMOTED"));
    }

    @Test
    void anEmptyBatchHasNoResults() {
        batch(member, List.of()).statusCode(200).body("results", hasSize(0));
    }

    @Test
    void moreThanTheMaximumIsRefusedWhole() {
        List<Map<String, String>> many = new ArrayList<>();
        for (int i = 0; i <= PermissionBatchCheckResource.MAX_CHECKS; i++) {
            many.add(Map.of("action", "PROMOTE", "model_id", model, "environment", "env-" + i));
        }
        batch(member, many).statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("fields.checks", notNullValue());
        batch(member, many.subList(0, PermissionBatchCheckResource.MAX_CHECKS)).statusCode(200)
                .body("results", hasSize(PermissionBatchCheckResource.MAX_CHECKS));
    }

    @Test
    void aWrongEntryIsNamedByItsIndex() {
        batch(member, List.of(
                Map.of("action", "PROMOTE", "model_id", model, "environment", "production"),
                Map.of("action", "DROP", "environment", "production")))
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("fields.'checks[1].action'", notNullValue())
                .body("fields.'checks[1].model_id'", notNullValue());
        send(member, "{}").statusCode(400).body("fields.checks", notNullValue());
        send(member, "{\"checks\":").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aModelDeploymentServiceDoesNotKnowIsNotFound() {
        batch(member, List.of(
                Map.of("action", "PROMOTE", "model_id", model, "environment", "production"),
                Map.of("action", "PROMOTE", "model_id", "missing", "environment", "production")))
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aTeamTheMemberIsNotInIsNotFound() {
        String team = "team-" + id;
        platform.appendAndAwait(org, org.teamCreated(team));
        batch(member, List.of(Map.of("action", "PROMOTE", "team_id", team, "environment", "production")))
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void withoutACredentialItIsUnauthenticated() {
        given().contentType(ContentType.JSON).body("{\"checks\":[]}").post("/v1/permissions/check_batch")
                .then().statusCode(401);
    }

    private ValidatableResponse batch(String email, List<Map<String, String>> checks) {
        Map<String, String> owned = Map.of(model, org.defaultTeamId());
        return given().header("Authorization", bearer(jwt(email))).contentType(ContentType.JSON)
                .body(Map.of("checks", checks, "owners", Map.of("models", owned, "chains", owned)))
                .post("/v1/permissions/check_batch").then();
    }

    private static ValidatableResponse send(String email, String body) {
        return given().header("Authorization", bearer(jwt(email))).contentType(ContentType.JSON).body(body)
                .post("/v1/permissions/check_batch").then();
    }
}
