package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Section 7 of the contract: a guarded call's {@code Platform-Revision} request header is the minimum access revision it
 * is decided at. The stub has reached {@value StubAuthz#REVISION}; principals are resolved at revision 5.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class RevisionDemandTest {

    private User member;
    private String model;
    private String deployment;

    @BeforeEach
    void aModelWithADeployment() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, null);
        deployment = Api.pushDeployment(member, "models", model);
    }

    @Test
    void aRevisionNotReachedIsUnavailableAndNothingIsPromoted() {
        as(member).header("Platform-Revision", "9000000000").body(Map.of("deployment_id", deployment)).post(promote())
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE")).body("message", notNullValue());

        assertEquals(9_000_000_000L, Fixtures.authz().checks().get(0).body().path("min_revision").asLong());
        as(member).get("/v1/models/" + model + "/environments/production").then().body("current_deployment", nullValue());
    }

    @Test
    void aRevisionNotReachedLeavesTheDeploymentsSettingsAsTheyWere() {
        as(member).body(Map.of("deployment_id", deployment)).post(promote()).then().statusCode(200);
        as(member).header("Platform-Revision", "123456789").body(Map.of("max_replica", 9))
                .patch("/v1/models/" + model + "/deployments/" + deployment + "/autoscaling_settings")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().body("autoscaling_settings.max_replica", is(1));
    }

    @Test
    void aReachedRevisionIsDemandedOfTheCheckAndAnswered() {
        as(member).header("Platform-Revision", "6").body(Map.of("deployment_id", deployment)).post(promote())
                .then().statusCode(200).header("Platform-Revision", is("7"));
        assertEquals(6, Fixtures.authz().checks().get(0).body().path("min_revision").asLong());
    }

    @Test
    void aRevisionOlderThanThePrincipalsIsRaisedToIt() {
        as(member).header("Platform-Revision", "2").body(Map.of("deployment_id", deployment)).post(promote())
                .then().statusCode(200);
        assertEquals(5, Fixtures.authz().checks().get(0).body().path("min_revision").asLong());
    }

    @ParameterizedTest(name = "Platform-Revision: \"{0}\"")
    @ValueSource(strings = {"abc", "-1", "1.5", "0x10", "12345678901234567890", "7, 8", " "})
    void aMalformedRevisionIsABadRequestAndNothingIsAskedOrChanged(String header) {
        as(member).header("Platform-Revision", header).body(Map.of("deployment_id", deployment)).post(promote())
                .then().statusCode(400).body("code", is("VALIDATION_FAILED"))
                .body("fields.Platform-Revision", notNullValue());

        assertTrue(Fixtures.authz().checks().isEmpty());
        as(member).get("/v1/models/" + model + "/environments/production").then().body("current_deployment", nullValue());
    }

    @Test
    void aCallerWithoutCredentialsIsUnauthenticatedWhateverItsRevision() {
        RestAssured.given().header("Platform-Revision", "abc").contentType("application/json")
                .body(Map.of("deployment_id", deployment)).post(promote())
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    private String promote() {
        return "/v1/models/" + model + "/environments/production/promote";
    }
}
