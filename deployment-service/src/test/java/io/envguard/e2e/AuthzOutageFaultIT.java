package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.envguard.e2e.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * authz-service crashes: every guarded call fails closed while it is gone (reads too, since authz-service says who the
 * caller is), nothing is changed meanwhile, and all comes back by itself; changes stored meanwhile are projected once
 * it is back.
 */
@ExtendWith(SettledPlatform.class)
class AuthzOutageFaultIT {

    @AfterEach
    void authzIsBack() {
        Platform.start("authz");
    }

    @Test
    void guardedCallsFailClosedWhileAuthzIsDownAndSucceedOnceItIsBack() {
        Organization organization = Gateway.newOrganization("outage");
        User member = Gateway.newMember(organization, "max", "MEMBER");
        String modelId = as(member).body(Map.of("name", "m")).post("/v1/models").then().statusCode(200).extract().path("model.id");
        String first = deploy(member, modelId);
        String second = deploy(member, modelId);
        promote(member, modelId, first).then().statusCode(200);

        Platform.kill("authz");
        for (int attempt = 0; attempt < 20; attempt++) {
            promote(member, modelId, second).then().statusCode(503).body("code", equalTo("AUTHZ_UNAVAILABLE"));
        }

        Platform.start("authz");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status;
        do {
            status = as(member).get("/v1/models/" + modelId + "/environments/production").statusCode();
        } while (status != 200 && Instant.now().isBefore(deadline) && pause());
        as(member).get("/v1/models/" + modelId + "/environments/production")
                .then().statusCode(200).body("current_deployment.id", equalTo(first));
        do {
            status = promote(member, modelId, second).statusCode();
        } while (status != 200 && Instant.now().isBefore(deadline) && pause());
        assertEquals(200, status, "promote succeeds again once authz-service is back");
        as(member).get("/v1/models/" + modelId + "/environments/production")
                .then().statusCode(200).body("current_deployment.id", equalTo(second));
    }

    /**
     * authz-service crashes while changes go on: each is stored but not confirmed (503), and once authz-service is back
     * it projects them from its committed position, once: decisions match the stored grants at the stored revision.
     */
    @Test
    void changesMadeWhileAuthzIsDownAreProjectedOnceAfterItsRestart() {
        GrantChurn churn = new GrantChurn("authz-crash", 3);
        assertEquals(200, churn.set(0, true));
        Platform.kill("authz");
        assertEquals(503, churn.set(0, false), "a revocation authz-service cannot confirm is answered 503");
        assertEquals(503, churn.set(1, true));
        assertEquals(503, churn.set(2, true));
        Platform.start("authz");

        Duration catchUp = churn.awaitConvergence(Duration.ofSeconds(60));
        System.out.printf("authz-service crash with 3 changes made while it was down: projected %d ms after its "
                + "restart%n", catchUp.toMillis());
    }

    private static String deploy(User user, String modelId) {
        return as(user).body(Map.of()).post("/v1/models/" + modelId + "/deployments")
                .then().statusCode(200).extract().path("deployment.id");
    }

    private static Response promote(User user, String modelId, String deploymentId) {
        return as(user).body(Map.of("deployment_id", deploymentId))
                .post("/v1/models/" + modelId + "/environments/production/promote");
    }

    private static boolean pause() {
        try {
            Thread.sleep(250);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
