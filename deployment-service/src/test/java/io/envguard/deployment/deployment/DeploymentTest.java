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
                .then().statusCode(200)
                .body("model.id", is(model)).body("model.deployments_count", is(2))
                .body("deployment.id", notNullValue()).body("deployment.name", is("v1")).body("deployment.model_id", is(model))
                .body("deployment.status", is("ACTIVE")).body("deployment.environment", nullValue())
                .body("deployment.is_production", is(false)).body("deployment.is_development", is(true))
                .body("deployment.active_replica_count", is(0)).body("deployment.instance_type_name", is("1x2"))
                .body("deployment.request_backpressure_settings.policy", nullValue())
                .body("deployment.autoscaling_settings.min_replica", is(0)).body("deployment.autoscaling_settings.max_replica", is(1))
                .body("deployment.created_at", notNullValue());
    }

    @Test
    void aDeploymentPushedWithABasetenSourceIsNamedAndPromotedAsItsPayloadSays() {
        Map<String, Object> payload = Map.of("config", Map.of("model_name", "m"), "deployment_name", "v2",
                "environment_name", "production", "labels", Map.of("team", "ml"), "is_development", false);
        as(member).body(Map.of("source", Map.of("kind", "model_archive", "deployment", payload, "s3_key", "k")))
                .post("/v1/models/" + model + "/deployments")
                .then().statusCode(200).body("deployment.name", is("v2")).body("deployment.environment", is("production"))
                .body("deployment.is_production", is(true)).body("model.production_deployment_id", notNullValue());
        assertEquals("PROMOTE", Fixtures.authz().checks().get(0).body().path("action").asText());
    }

    @Test
    void aDeploymentIsPushedAndPromotedWithoutAnyBody() {
        String deployment = io.restassured.RestAssured.given().header("Authorization", member.bearer())
                .post("/v1/models/" + model + "/deployments").then().statusCode(200).extract().path("deployment.id");
        io.restassured.RestAssured.given().header("Authorization", member.bearer())
                .post("/v1/models/" + model + "/deployments/" + deployment + "/promote")
                .then().statusCode(200).body("environment", is("production"));
    }

    @Test
    void deploymentsAreListedAndReadOneByOne() {
        String first = Api.pushDeployment(member, "models", model);
        String second = Api.pushDeployment(member, "models", model);
        as(member).get("/v1/models/" + model + "/deployments")
                .then().statusCode(200).body("deployments.id[1]", is(first)).body("deployments.id[2]", is(second))
                .body("deployments.name", is(List.of("deployment-1", "deployment-2", "deployment-3")));
        as(member).get("/v1/models/" + model + "/deployments?name=deployment-2")
                .then().statusCode(200).body("deployments.id", is(List.of(first)));
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
                .then().statusCode(200).body("status", is("ACCEPTED")).body("message", notNullValue())
                .body("deployment.autoscaling_settings.min_replica", is(1)).body("deployment.autoscaling_settings.max_replica", is(3))
                .body("deployment.autoscaling_settings.scale_down_delay", is(900));
        assertEquals(0, Fixtures.authz().checks().size());
    }

    @Test
    void autoscalingOfTheProductionDeploymentIsCheckedAgainstProduction() {
        String deployment = Api.pushDeployment(member, "models", model);
        promote(deployment, "production");
        Fixtures.authz().reset();

        as(member).body(Map.of("max_replica", 4)).patch("/v1/models/" + model + "/deployments/production/autoscaling_settings")
                .then().statusCode(200).body("deployment.id", is(deployment)).body("deployment.autoscaling_settings.max_replica", is(4));
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
                .then().statusCode(200).body("deployment.id", is(latest)).body("deployment.autoscaling_settings.concurrency_target", is(4));
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
                .then().statusCode(200).body("instance_type_name", is("A10Gx4x16"));
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
                .then().statusCode(200).body("logs.size()", is(3));
        as(member).get("/v1/models/" + model + "/deployments/" + deployment + "/metrics")
                .then().statusCode(200).body("metric_descriptors[0].name", is("baseten_replicas_active"))
                .body("metric_values[0].values[0][0]", is(1.0f));
    }

    private void promote(String deployment, String environment) {
        as(member).body(Map.of("deployment_id", deployment))
                .post("/v1/models/" + model + "/environments/" + environment + "/promote").then().statusCode(200);
    }
}
