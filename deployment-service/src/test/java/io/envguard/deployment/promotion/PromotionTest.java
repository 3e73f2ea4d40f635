package io.envguard.deployment.promotion;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class PromotionTest {

    private User member;

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
        member = Fixtures.member();
    }

    @Test
    void anAllowedPromoteMakesTheDeploymentCurrentInProduction() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);

        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200)
                .body("id", is(deployment)).body("model_id", is(model))
                .body("environment", is("production")).body("status", is("ACTIVE"))
                .header("Platform-Revision", is("7")).body("revision", is(7));

        as(member).get("/v1/models/" + model + "/environments/production")
                .then().statusCode(200).body("current_deployment.id", is(deployment))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("revision")));
    }

    @Test
    void thePromotedDeploymentTakesTheEnvironmentsInstanceTypeUnlessTheBodySaysFalse() {
        String model = Api.createModel(member, null);
        String promote = "/v1/models/" + model + "/environments/production/promote";
        String gpu = Api.pushed(as(member).body(Map.of("instance_type", "A10Gx4x16")), "/v1/models/" + model);
        as(member).body(Map.of("deployment_id", gpu)).post(promote).then().statusCode(200);
        String preserved = Api.pushed(as(member).body(Map.of("instance_type", "1x4")), "/v1/models/" + model);
        String kept = Api.pushed(as(member).body(Map.of("instance_type", "1x4")), "/v1/models/" + model);

        as(member).body(Map.of("deployment_id", preserved)).post(promote)
                .then().statusCode(200).body("instance_type_name", is("A10Gx4x16"));
        as(member).body(Map.of("deployment_id", kept, "preserve_env_instance_type", false)).post(promote)
                .then().statusCode(200).body("instance_type_name", is("1x4"));

        as(member).get("/v1/models/" + model + "/deployments/" + preserved).then().body("instance_type_name", is("A10Gx4x16"));
        as(member).get("/v1/models/" + model + "/environments/production").then().body("instance_type.id", is("1x4"));
    }

    @Test
    void thePromoteCheckCarriesTheCallersHeaderTeamEnvironmentAndAction() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        String deployment = Api.pushDeployment(member, "models", model);

        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);

        StubAuthz.Check check = Fixtures.authz().checks().get(0);
        assertEquals(member.bearer(), check.authorization());
        assertEquals(Fixtures.ORG, check.body().path("organization_id").asText());
        assertEquals(Fixtures.ML_TEAM, check.body().path("team_id").asText());
        assertEquals("production", check.body().path("environment").asText());
        assertEquals("PROMOTE", check.body().path("action").asText());
    }

    @Test
    void aDeniedPromoteIsForbiddenWithTheReasonAndChangesNothing() {
        String model = Api.createModel(member, null);
        String first = Api.pushDeployment(member, "models", model);
        String second = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", first)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);

        Fixtures.authz().deny("NOT_GRANTED");
        as(member).body(Map.of("deployment_id", second)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(403)
                .body("code", is("ENVIRONMENT_RESTRICTED")).body("environment", is("production"))
                .body("action", is("PROMOTE")).body("reason", is("NOT_GRANTED")).body("revision", is(7));

        as(member).get("/v1/models/" + model + "/environments/production")
                .then().body("current_deployment.id", is(first));
        as(member).get("/v1/models/" + model + "/deployments/" + second)
                .then().body("environment", nullValue()).body("status", is("ACTIVE"));
    }

    @Test
    void promotingThroughTheDeploymentPathTargetsProduction() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);

        as(member).body(Map.of()).post("/v1/models/" + model + "/deployments/" + deployment + "/promote")
                .then().statusCode(200).body("environment", is("production"));
        assertEquals("production", Fixtures.authz().checks().get(0).body().path("environment").asText());
    }

    @Test
    void thePreviousDeploymentIsScaledToZeroUnlessAskedToKeepIt() {
        String model = Api.createModel(member, null);
        String first = Api.pushDeployment(member, "models", model);
        String second = Api.pushDeployment(member, "models", model);
        String third = Api.pushDeployment(member, "models", model);
        String promote = "/v1/models/" + model + "/environments/production/promote";
        as(member).body(Map.of("deployment_id", first)).post(promote).then().statusCode(200);

        as(member).body(Map.of("deployment_id", second)).post(promote).then().statusCode(200);
        as(member).get("/v1/models/" + model + "/deployments/" + first).then().body("status", is("SCALED_TO_ZERO"));

        as(member).body(Map.of("deployment_id", third, "scale_down_previous_deployment", false)).post(promote).then().statusCode(200);
        as(member).get("/v1/models/" + model + "/deployments/" + second).then().body("status", is("ACTIVE")).body("environment", nullValue());
    }

    @Test
    void promotingADeploymentOfAnotherModelIsInvalidWhateverAuthzAnswers() {
        String model = Api.createModel(member, null);
        String other = Api.createModel(member, null);
        String foreign = Api.pushDeployment(member, "models", other);
        Fixtures.authz().deny("NOT_GRANTED");

        as(member).body(Map.of("deployment_id", foreign)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(400).body("code", is("VALIDATION_FAILED")).body("fields.deployment_id", notNullValue());
        as(member).get("/v1/models/" + model + "/environments/production").then().body("current_deployment", nullValue());
    }

    @Test
    void promotingIntoAnUnknownEnvironmentOrAnUnknownDeploymentIsNotFound() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);

        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/nowhere/promote")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
        as(member).body(Map.of("deployment_id", "00000000-0000-0000-0000-000000000000"))
                .post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(404);
    }

    @Test
    void aPromoteWithoutDeploymentIdIsInvalid() {
        String model = Api.createModel(member, null);
        as(member).body(Map.of()).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(400).body("fields.deployment_id", is("is required"));
    }

    @Test
    void aChainIsPromotedLikeAModel() {
        String chain = Api.createChain(member);
        String deployment = Api.pushDeployment(member, "chains", chain);

        Fixtures.authz().deny("NOT_GRANTED");
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(403).body("code", is("ENVIRONMENT_RESTRICTED"));
        Fixtures.authz().allow();
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(200).body("chain_id", is(chain)).body("environment", is("production"));
    }

    @Test
    void anApiKeyPromotesWithItsOwnHeaderForwardedToTheCheck() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        String deployment = Api.pushDeployment(member, "models", model);
        String key = Fixtures.apiKey();

        io.restassured.RestAssured.given().header("Authorization", "Api-Key " + key).contentType("application/json")
                .body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        assertEquals("Api-Key " + key, Fixtures.authz().checks().get(0).authorization());
    }
}
