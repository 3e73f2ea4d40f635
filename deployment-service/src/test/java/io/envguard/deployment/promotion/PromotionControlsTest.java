package io.envguard.deployment.promotion;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/** Promotions complete within the promote: the controls find none in progress, say so, and change nothing. */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class PromotionControlsTest {

    private User member;
    private String model;
    private String deployment;

    @BeforeEach
    void aModelServingProduction() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, null);
        deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
    }

    @Test
    void cancellingFindsNothingInProgressAndAnswersCanceled() {
        as(member).post("/v1/models/" + model + "/environments/production/cancel_promotion").then().statusCode(200)
                .body("status", is("CANCELED"))
                .body("message", containsString("no promotion is in progress"))
                .body("revision", is(7));

        as(member).get("/v1/models/" + model + "/environments/production").then().body("current_deployment.id", is(deployment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pause_promotion", "resume_promotion", "force_cancel_promotion", "force_roll_forward_promotion"})
    void aSignalFindsNoRollingPromotionAndIsNotSent(String control) {
        as(member).post("/v1/models/" + model + "/environments/production/" + control).then().statusCode(200)
                .body("success", is(false))
                .body("message", containsString("no rolling promotion is in progress"));

        as(member).get("/v1/models/" + model + "/environments/production").then().body("current_deployment.id", is(deployment));
        as(Fixtures.admin()).get("/v1/audit_logs?limit=1").then().statusCode(200)
                .body("items[0].action", is("PROMOTE"))
                .body("items[0].details.promotion_control", is(control));
    }

    @Test
    void aControlOfAnUnknownEnvironmentIsNotFound() {
        as(member).post("/v1/models/" + model + "/environments/nowhere/cancel_promotion").then().statusCode(404);
        as(member).post("/v1/models/" + model + "/environments/nowhere/pause_promotion").then().statusCode(404);
    }
}
