package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz.CheckMode;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class FailClosedTest {

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

    @AfterEach
    void authzComesBackAndServiceRecovers() {
        Fixtures.authz().reset();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (as(member).body(Map.of("name", "probe")).post("/v1/models").statusCode() == 200
                    && as(member).body(Map.of("deployment_id", deployment))
                    .post("/v1/models/" + model + "/environments/production/promote").statusCode() == 200) {
                return;
            }
            sleep(100);
        }
        fail("the service did not recover once authz-service was back");
    }

    @Test
    void aPromoteWhenAuthzIsDownIsUnavailableAndChangesNothing() {
        Fixtures.authz().stop();
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        Fixtures.authz().start();
        assertNothingPromoted();
    }

    @Test
    void aPromoteWhenAuthzFailsIsUnavailableAndChangesNothing() {
        Fixtures.authz().checkMode(CheckMode.SERVER_ERROR);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        assertNothingPromoted();
    }

    @Test
    void aPromoteWhenAuthzIsSlowIsUnavailableWithinTheTimeOut() {
        Fixtures.authz().checkMode(CheckMode.SLOW);
        long started = System.nanoTime();
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(true, millis < 900, "answered after " + millis + " ms");
        assertNothingPromoted();
    }

    @Test
    void anAutoscalingChangeWhenAuthzFailsChangesNothing() {
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/production/promote")
                .then().statusCode(200);
        Fixtures.authz().checkMode(CheckMode.SERVER_ERROR);
        as(member).body(Map.of("max_replica", 5)).patch("/v1/models/" + model + "/deployments/production/autoscaling_settings")
                .then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        Fixtures.authz().checkMode(CheckMode.ANSWER);
        as(member).get("/v1/models/" + model + "/deployments/" + deployment)
                .then().body("autoscaling_settings.max_replica", is(1));
    }

    @Test
    void everyCallIsUnavailableWhileTheCallerCannotBeIdentified() {
        Fixtures.authz().stop();
        as(member).get("/v1/models/" + model).then().statusCode(503).body("code", is("AUTHZ_UNAVAILABLE"));
        as(member).body(Map.of("name", "m")).post("/v1/models").then().statusCode(503);
    }

    @Test
    void aDeadAuthzIsNotAskedOnceTheBreakerIsOpen() {
        Fixtures.authz().checkMode(CheckMode.SLOW);
        String promote = "/v1/models/" + model + "/environments/production/promote";
        for (int i = 0; i < 12; i++) {
            as(member).body(Map.of("deployment_id", deployment)).post(promote).then().statusCode(503);
        }
        int asked = Fixtures.authz().checks().size();
        // Refused without asking: no check arrives, and the answer does not wait for the stub's second.
        as(member).body(Map.of("deployment_id", deployment)).post(promote)
                .then().statusCode(503).time(lessThan(1_000L));
        assertEquals(asked, Fixtures.authz().checks().size(), "authz-service was asked with the breaker open");
        assertNothingPromoted();
    }

    private void assertNothingPromoted() {
        Fixtures.authz().checkMode(CheckMode.ANSWER);
        Fixtures.authz().start();
        awaitIdentified();
        as(member).get("/v1/models/" + model + "/environments/production")
                .then().statusCode(200).body("current_deployment", nullValue());
        as(member).get("/v1/models/" + model + "/deployments/" + deployment)
                .then().body("environment", nullValue());
    }

    private void awaitIdentified() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (Instant.now().isBefore(deadline) && as(member).get("/v1/models/" + model).statusCode() != 200) {
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
