package io.envguard.deployment.environment;

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
import java.util.UUID;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class EnvironmentTest {

    private User member;
    private String model;

    @BeforeEach
    void aModel() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, null);
    }

    @Test
    void anEnvironmentIsCreatedWithItsPromotionSettingsAfterAManageCheck() {
        as(member).body(Map.of("name", "staging", "promotion_settings", Map.of("promotion_cleanup_strategy", "KEEP")))
                .post("/v1/models/" + model + "/environments")
                .then().statusCode(200)
                .body("name", is("staging")).body("model_id", is(model))
                .body("promotion_settings.promotion_cleanup_strategy", is("KEEP"))
                .body("promotion_settings.ramp_up_duration_seconds", is(600));
        var check = Fixtures.authz().checks().get(0).body();
        assertEquals("staging", check.path("environment").asText());
        assertEquals("MANAGE_ENVIRONMENT", check.path("action").asText());

        as(member).get("/v1/models/" + model + "/environments").then().body("environments.name", is(List.of("production", "staging")));
    }

    @Test
    void anEnvironmentThatExistsIsAConflict() {
        as(member).body(Map.of("name", "production")).post("/v1/models/" + model + "/environments")
                .then().statusCode(409).body("code", is("CONFLICT"));
    }

    @Test
    void badEnvironmentNamesAreInvalid() {
        for (String name : List.of("", "Staging", "-x", "a b", "x".repeat(65))) {
            as(member).body(Map.of("name", name)).post("/v1/models/" + model + "/environments")
                    .then().statusCode(400).body("fields.name", notNullValue());
        }
    }

    @Test
    void badPromotionSettingsAreInvalid() {
        as(member).body(Map.of("name", "qa", "promotion_settings", Map.of("promotion_cleanup_strategy", "BURN")))
                .post("/v1/models/" + model + "/environments")
                .then().statusCode(400).body("fields.'promotion_settings.promotion_cleanup_strategy'", notNullValue());
        as(member).body(Map.of("promotion_settings", Map.of("ramp_up_duration_seconds", -5)))
                .patch("/v1/models/" + model + "/environments/production")
                .then().statusCode(400).body("fields.'promotion_settings.ramp_up_duration_seconds'", notNullValue());
    }

    @Test
    void creatingAnEnvironmentTheCallerMayNotManageIsForbiddenAndCreatesNothing() {
        Fixtures.authz().deny("NOT_GRANTED");
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments")
                .then().statusCode(403).body("code", is("ENVIRONMENT_RESTRICTED")).body("action", is("MANAGE_ENVIRONMENT"))
                .body("environment", is("staging"));
        as(member).get("/v1/models/" + model + "/environments/staging").then().statusCode(404);
    }

    @Test
    void anEnvironmentsSettingsAreMergedByPatch() {
        as(member).body(Map.of("promotion_settings", Map.of("rolling_deploy", true)))
                .patch("/v1/models/" + model + "/environments/production")
                .then().statusCode(200)
                .body("environment.promotion_settings.rolling_deploy", is(true))
                .body("environment.promotion_settings.promotion_cleanup_strategy", is("SCALE_TO_ZERO"));
        assertEquals("MANAGE_ENVIRONMENT", Fixtures.authz().checks().get(0).body().path("action").asText());
    }

    @Test
    void anEnvironmentsAutoscalingIsThatOfItsCurrentDeployment() {
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        as(member).body(Map.of("autoscaling_settings", Map.of("max_replica", 7)))
                .patch("/v1/models/" + model + "/environments/production")
                .then().statusCode(200).body("status", is("ACCEPTED")).body("ok", is(true))
                .body("environment.autoscaling_settings.max_replica", is(7)).body("environment.current_deployment.id", is(deployment))
                .body("environment.current_deployment.environment", is("production"))
                .body("environment.current_deployment.is_production", is(true));
    }

    @Test
    void aNewEnvironmentAcceptsAndIgnoresAutoscalingSettingsItHasNoDeploymentFor() {
        as(member).body(Map.of("name", "staging", "autoscaling_settings", Map.of("max_replica", 7, "target_in_flight_tokens", 9),
                        "request_backpressure_settings", Map.of("policy", "QUEUE_ON_FULL")))
                .post("/v1/models/" + model + "/environments")
                .then().statusCode(200).body("autoscaling_settings.max_replica", is(1)).body("current_deployment", nullValue());
    }

    @Test
    void productionCannotBeDeleted() {
        as(member).delete("/v1/models/" + model + "/environments/production")
                .then().statusCode(409).body("code", is("CONFLICT"));
    }

    @Test
    void productionOfAModelThatDoesNotExistIsNotFound() {
        as(member).delete("/v1/models/" + UUID.randomUUID() + "/environments/production")
                .then().statusCode(404);
    }

    @Test
    void anEnvironmentIsDeletedAfterAManageCheck() {
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(200);
        Fixtures.authz().deny("NOT_GRANTED");
        as(member).delete("/v1/models/" + model + "/environments/staging").then().statusCode(403);
        Fixtures.authz().allow();
        as(member).delete("/v1/models/" + model + "/environments/staging").then().statusCode(200)
                .body("name", is("staging")).body("model_id", is(model)).body("deleted", is(true));
        as(member).get("/v1/models/" + model + "/environments/staging").then().statusCode(404);
        as(member).delete("/v1/models/" + model + "/environments/staging").then().statusCode(404);
    }

    @Test
    void aDeploymentCurrentInTwoEnvironmentsNeedsBothToAllowItsAutoscaling() {
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(200);
        for (String environment : List.of("production", "staging")) {
            as(member).body(Map.of("deployment_id", deployment))
                    .post("/v1/models/" + model + "/environments/" + environment + "/promote").then().statusCode(200);
        }
        Fixtures.authz().reset();
        as(member).body(Map.of("max_replica", 2)).patch("/v1/models/" + model + "/deployments/" + deployment + "/autoscaling_settings")
                .then().statusCode(200).body("deployment.environment", is("production"));
        // Both are asked at the same time, so they may arrive in either order.
        assertEquals(List.of("production", "staging"),
                Fixtures.authz().checks().stream().map(check -> check.body().path("environment").asText()).sorted().toList());
    }
}
