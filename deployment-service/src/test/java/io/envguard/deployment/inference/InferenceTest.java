package io.envguard.deployment.inference;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class InferenceTest {

    private User member;

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
        member = Fixtures.member();
    }

    @Test
    void aPredictionIsAnsweredByTheCurrentDeploymentEvenWhenChangesAreRestricted() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        Fixtures.authz().reset();
        Fixtures.authz().deny("NOT_GRANTED");

        as(member).body(Map.of("prompt", "hello", "n", List.of(1, 2))).post("/v1/models/" + model + "/environments/production/predict")
                .then().statusCode(200)
                .body("model_id", is(model)).body("environment", is("production")).body("deployment_id", is(deployment))
                .body("output.prompt", is("hello")).body("output.n", is(List.of(1, 2)));
        assertEquals(0, Fixtures.authz().checks().size());
    }

    @Test
    void anApiKeyMayPredict() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);

        given().header("Authorization", "Api-Key " + Fixtures.apiKey()).contentType("application/json").body("42")
                .post("/v1/models/" + model + "/environments/production/predict")
                .then().statusCode(200).body("output", is(42));
    }

    @Test
    void anEnvironmentWithoutCurrentDeploymentCannotAnswer() {
        String model = Api.createModel(member, null);
        as(member).body(Map.of()).post("/v1/models/" + model + "/environments/production/predict")
                .then().statusCode(409).body("code", is("CONFLICT"));
        as(member).body(Map.of()).post("/v1/models/" + model + "/environments/nowhere/predict")
                .then().statusCode(404);
    }

    @Test
    void aChainIsRunRemotelyAndAModelIsNot() {
        String chain = Api.createChain(member);
        String deployment = Api.pushDeployment(member, "chains", chain);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(200);

        as(member).body(Map.of("x", 1)).post("/v1/chains/" + chain + "/environments/production/run_remote")
                .then().statusCode(200).body("chain_id", is(chain)).body("deployment_id", is(deployment)).body("output.x", is(1));
        as(member).body(Map.of("x", 1)).post("/v1/chains/" + chain + "/environments/production/predict").then().statusCode(404);
    }
}
