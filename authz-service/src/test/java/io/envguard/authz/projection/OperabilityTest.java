package io.envguard.authz.projection;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Readiness and metrics, as an operator sees them. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperabilityTest {

    @Inject
    Platform platform;

    @Test
    void readyMeansTheHistoryOnTheTopicAtStartupHasBeenApplied() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                given().get("/q/health/ready").then().statusCode(200);
            }
            Thread.sleep(100);
        }
        // Once ready, the whole history is there without waiting.
        given().header("Authorization", bearer(jwt("observer@example.com")))
                .queryParam("at_least", AuthzTestResources.HISTORY_EVENTS).queryParam("wait_ms", 0)
                .get("/internal/v1/organizations/{id}/revision", AuthzTestResources.HISTORY_ORGANIZATION)
                .then().statusCode(200).body("revision", equalTo(AuthzTestResources.HISTORY_EVENTS));
    }

    @Test
    void metricsShowCheckLatencyDecisionsGapsAndProjectionLag() {
        History org = new History("org-" + UUID.randomUUID());
        platform.appendAndAwait(org, org.organizationCreated("u-" + org.organizationId(), org.organizationId() + "@example.com"));
        platform.promote(org.organizationId() + "@example.com", org, org.defaultTeamId(), "production").statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("envguard_check_latency_seconds_bucket"))
                .body(containsString("envguard_check_latency_seconds{quantile=\"0.99\""))
                .body(containsString("envguard_decisions_total{outcome=\"allowed\",reason=\"ORG_ADMIN\""))
                .body(containsString("envguard_projection_gaps_total"))
                .body(containsString("envguard_projection_delay_seconds"))
                .body(containsString("envguard_projection_events_total{result=\"applied\""))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max"));
    }
}
