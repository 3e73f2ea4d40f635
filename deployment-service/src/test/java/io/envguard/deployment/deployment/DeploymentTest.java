package io.envguard.deployment.deployment;

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
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class DeploymentTest {

    private User member;
    private String model;

    @BeforeEach
    void aModel() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, null);
    }

    @Test
    void aPushedDeploymentIsActiveAndInNoEnvironment() {
        as(member).body(Map.of("name", "v1")).post("/v1/models/" + model + "/deployments")
                .then().statusCode(201)
                .body("id", notNullValue()).body("name", is("v1")).body("model_id", is(model))
                .body("status", is("ACTIVE")).body("environment", nullValue())
                .body("autoscaling_settings.min_replica", is(0)).body("autoscaling_settings.max_replica", is(1))
                .body("created_at", notNullValue());
    }

    @Test
    void aDeploymentIsPushedAndPromotedWithoutAnyBody() {
        String deployment = io.restassured.RestAssured.given().header("Authorization", member.bearer())
                .post("/v1/models/" + model + "/deployments").then().statusCode(201).extract().path("id");
        io.restassured.RestAssured.given().header("Authorization", member.bearer())
                .post("/v1/models/" + model + "/deployments/" + deployment + "/promote")
                .then().statusCode(200).body("environment", is("production"));
    }

    @Test
    void deploymentsAreListedAndReadOneByOne() {
        String first = Api.pushDeployment(member, "models", model);
        String second = Api.pushDeployment(member, "models", model);
        as(member).get("/v1/models/" + model + "/deployments")
                .then().statusCode(200).body("items.id", is(List.of(first, second)))
                .body("items.name", is(List.of("deployment-1", "deployment-2")));
        as(member).get("/v1/models/" + model + "/deployments/" + second).then().statusCode(200).body("id", is(second));
    }

    @Test
    void readingADeploymentOfAnotherModelIsInvalid() {
        String other = Api.createModel(member, null);
        String foreign = Api.pushDeployment(member, "models", other);
        as(member).get("/v1/models/" + model + "/deployments/" + foreign).then().statusCode(400).body("code", is("VALIDATION_FAILED"));
    }

    @Test
    void autoscalingOfADeploymentInNoEnvironmentNeedsNoCheck() {
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("min_replica", 1, "max_replica", 3))
                .patch("/v1/models/" + model + "/deployments/" + deployment + "/autoscaling_settings")
                .then().statusCode(200)
                .body("autoscaling_settings.min_replica", is(1)).body("autoscaling_settings.max_replica", is(3))
                .body("autoscaling_settings.scale_down_delay", is(900));
        assertEquals(0, Fixtures.authz().checks().size());
    }

    @Test
    void autoscalingOfTheProductionDeploymentIsCheckedAgainstProduction() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().reset();

        as(member).body(Map.of("max_replica", 4)).patch("/v1/models/" + model + "/deployments/production/autoscaling_settings")
                .then().statusCode(200).body("id", is(deployment)).body("autoscaling_settings.max_replica", is(4));
        var check = Fixtures.authz().checks().get(0).body();
        assertEquals("production", check.path("environment").asText());
        assertEquals("UPDATE_AUTOSCALING", check.path("action").asText());
    }

    @Test
    void aDeniedAutoscalingChangeIsForbiddenAndChangesNothing() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().deny("GRANT_EXPIRED");

        as(member).body(Map.of("max_replica", 4)).patch("/v1/models/" + model + "/deployments/" + deployment + "/autoscaling_settings")
                .then().statusCode(403).body("code", is("ENVIRONMENT_RESTRICTED"))
                .body("action", is("UPDATE_AUTOSCALING")).body("reason", is("GRANT_EXPIRED"));
        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().body("autoscaling_settings.max_replica", is(1));
    }

    @Test
    void invalidAutoscalingSettingsAreRejectedBeforeAnyCheck() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().reset();
        String path = "/v1/models/" + model + "/deployments/" + deployment + "/autoscaling_settings";

        as(member).body(Map.of("min_replica", 5, "max_replica", 2)).patch(path)
                .then().statusCode(400).body("fields.min_replica", notNullValue());
        as(member).body(Map.of("scale_down_delay", -1)).patch(path)
                .then().statusCode(400).body("fields.scale_down_delay", notNullValue());
        as(member).body(Map.of("target_utilization_percentage", 101)).patch(path)
                .then().statusCode(400).body("fields.target_utilization_percentage", notNullValue());
        as(member).body(Map.of("max_replica", "many")).patch(path)
                .then().statusCode(400).body("fields.max_replica", notNullValue());
        assertEquals(0, Fixtures.authz().checks().size());
    }

    @Test
    void theDevelopmentAliasNamesTheLatestDeploymentWhenNoEnvironmentIsCalledSo() {
        Api.pushDeployment(member, "models", model);
        String latest = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("concurrency_target", 4)).patch("/v1/models/" + model + "/deployments/development/autoscaling_settings")
                .then().statusCode(200).body("id", is(latest)).body("autoscaling_settings.concurrency_target", is(4));
    }

    @Test
    void theProductionAliasWithoutAProductionDeploymentIsNotFound() {
        as(member).body(Map.of("max_replica", 2)).patch("/v1/models/" + model + "/deployments/production/autoscaling_settings")
                .then().statusCode(404);
    }

    @Test
    void deploymentSettingsOfACurrentDeploymentAreCheckedAsUpdateDeployment() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().reset();

        as(member).body(Map.of("instance_type", "A10Gx4x16")).patch("/v1/models/" + model + "/deployments/" + deployment)
                .then().statusCode(200).body("instance_type", is("A10Gx4x16"));
        assertEquals("UPDATE_DEPLOYMENT", Fixtures.authz().checks().get(0).body().path("action").asText());

        as(member).body(Map.of("instance_type", "two big GPUs")).patch("/v1/models/" + model + "/deployments/" + deployment)
                .then().statusCode(400).body("fields.instance_type", notNullValue());
    }

    @Test
    void logsAndMetricsAreReadableEvenWhenChangesAreDenied() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().deny("NOT_GRANTED");

        as(member).get("/v1/models/" + model + "/deployments/" + deployment + "/logs")
                .then().statusCode(200).body("deployment_id", is(deployment)).body("logs.size()", is(3));
        as(member).get("/v1/models/" + model + "/deployments/" + deployment + "/metrics")
                .then().statusCode(200).body("replicas.ready", is(1)).body("replicas.max", is(1));
    }

    private void promote(String deployment, String environment) {
        as(member).body(Map.of("deployment_id", deployment))
                .post("/v1/models/" + model + "/environments/" + environment + "/promote").then().statusCode(200);
    }
}
