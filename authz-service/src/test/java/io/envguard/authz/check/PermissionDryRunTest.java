package io.envguard.authz.check;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/permissions/check}: the public dry run of the same decision. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PermissionDryRunTest {

    @Inject
    Platform platform;

    private History org;
    private String id;
    private String admin;
    private String member;

    @BeforeEach
    void anOrganisationWithRestrictedProduction() {
        id = UUID.randomUUID().toString();
        org = new History("org-" + id);
        admin = "admin-" + id + "@example.com";
        member = "member-" + id + "@example.com";
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, admin),
                org.memberAdded("u-member-" + id, member, "MEMBER"),
                org.restricted(org.defaultTeamId(), "production"));
    }

    @Test
    void aMemberLearnsTheyMayNotPromoteToRestrictedProduction() {
        dryRun(member, "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId() + "\",\"environment\":\"production\"}")
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("NOT_GRANTED"))
                .body("revision", equalTo((int) org.revision()));
    }

    @Test
    void aModelIsResolvedToItsTeamByTheOwnersDeploymentServiceFillsIn() {
        String model = "of-" + org.defaultTeamId();
        dryRun(member, "{\"action\":\"UPDATE_AUTOSCALING\",\"model_id\":\"" + model
                + "\",\"environment\":\"development\"," + owners("models", model, org.defaultTeamId()) + "}")
                .statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("UNRESTRICTED"));
        dryRun(member, "{\"action\":\"PROMOTE\",\"chain_id\":\"" + model
                + "\",\"environment\":\"production\"," + owners("chains", model, org.defaultTeamId()) + "}")
                .statusCode(200).body("allowed", equalTo(false));
    }

    @Test
    void aModelDeploymentServiceDoesNotKnowIsNotFound() {
        dryRun(member, "{\"action\":\"PROMOTE\",\"model_id\":\"missing\",\"environment\":\"production\"}")
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        dryRun(member, "{\"action\":\"PROMOTE\",\"model_id\":\"missing\",\"environment\":\"production\","
                + owners("chains", "missing", org.defaultTeamId()) + "}")
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void anOwnerInATeamTheCallerIsNotInIsNotFoundAsThatTeamWouldBe() {
        String team = "team-" + id;
        platform.appendAndAwait(org, org.teamCreated(team));
        dryRun(member, "{\"action\":\"PROMOTE\",\"model_id\":\"m\",\"environment\":\"production\","
                + owners("models", "m", team) + "}")
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
        dryRun(member, "{\"action\":\"PROMOTE\",\"model_id\":\"m\",\"environment\":\"production\","
                + owners("models", "m", "someone-elses") + "}")
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aTeamOfAnotherOrganisationIsNotFound() {
        dryRun(member, "{\"action\":\"PROMOTE\",\"team_id\":\"someone-elses\",\"environment\":\"production\"}")
                .statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void aTeamTheMemberIsNotInIsNotFoundWhileItsAdminsAreAnswered() {
        String team = "team-" + id;
        platform.appendAndAwait(org, org.teamCreated(team));
        String body = "{\"action\":\"PROMOTE\",\"team_id\":\"" + team + "\",\"environment\":\"production\"}";
        dryRun(member, body).statusCode(404).body("code", equalTo("NOT_FOUND"));
        dryRun(admin, body).statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("ORG_ADMIN"));
        platform.appendAndAwait(org, org.teamMemberAdded(team, "u-member-" + id, "MEMBER"));
        dryRun(member, body).statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("UNRESTRICTED"));
    }

    @Test
    void anAdminMayAskAboutAnotherUser() {
        dryRun(admin, "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"user_id\":\"u-member-" + id + "\"}")
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("NOT_GRANTED"));
        platform.appendAndAwait(org, org.granted(org.defaultTeamId(), "production", "u-member-" + id, null));
        dryRun(admin, "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"user_id\":\"u-member-" + id + "\"}")
                .statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("GRANTED"));
    }

    @Test
    void aMemberMayNotAskAboutAnotherUser() {
        dryRun(member, "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"user_id\":\"u-admin-" + id + "\"}")
                .statusCode(403).body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void anUnknownActionOrAMissingTargetIsAValidationFailure() {
        dryRun(member, "{\"action\":\"DROP\",\"environment\":\"production\"}")
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("fields.action", notNullValue()).body("fields.model_id", notNullValue());
        dryRun(member, "{\"action\":").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        dryRun(member, "[1, 2, 3]").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        dryRun(member, "{\"action\": {\"not\": \"a string\"}}").statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void aRevisionTheAccessTableHasReachedIsAnsweredAtOnce() {
        dryRun(member, promoteAt(org.revision()))
                .statusCode(200).body("allowed", equalTo(false)).body("revision", equalTo((int) org.revision()));
    }

    @Test
    void aRevisionThatDoesNotExistYetIsUnavailableNotAnAnswerFromOlderState() {
        dryRun(member, promoteAt(org.revision() + 1))
                .statusCode(503).body("code", equalTo("AUTHZ_UNAVAILABLE"))
                .body("message", containsString("not yet " + (org.revision() + 1)));
    }

    @Test
    void aRevisionReachedWhileTheCheckWaitsIsAnsweredFromIt() throws Exception {
        long next = org.revision() + 1;
        CompletableFuture<ValidatableResponse> answer = CompletableFuture.supplyAsync(() -> dryRun(member, promoteAt(next)));
        Thread.sleep(200);
        platform.append(org, org.granted(org.defaultTeamId(), "production", "u-member-" + id, null));
        answer.get(10, TimeUnit.SECONDS)
                .statusCode(200).body("allowed", equalTo(true)).body("reason", equalTo("GRANTED"))
                .body("revision", equalTo((int) next));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "\"7\"", "true", "{}", "[1]", "1e3", "99999999999999999999"})
    void aMinRevisionThatIsNotAWholeNumberOfZeroOrMoreIsAValidationFailure(String minRevision) {
        dryRun(member, "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"min_revision\":" + minRevision + "}")
                .statusCode(400).body("code", equalTo("VALIDATION_FAILED"))
                .body("fields.min_revision", equalTo("must be a whole number, 0 or more"));
    }

    /** The owners deployment-service adds when it relays a dry run: {@code "owners": {"models": {"m": "team"}}}. */
    static String owners(String kind, String id, String team) {
        return "\"owners\":{\"" + kind + "\":{\"" + id + "\":\"" + team + "\"}}";
    }

    private String promoteAt(long minRevision) {
        return "{\"action\":\"PROMOTE\",\"team_id\":\"" + org.defaultTeamId()
                + "\",\"environment\":\"production\",\"min_revision\":" + minRevision + "}";
    }

    private static ValidatableResponse dryRun(String email, String body) {
        return given().header("Authorization", bearer(jwt(email))).contentType(ContentType.JSON).body(body)
                .post("/v1/permissions/check").then();
    }
}
