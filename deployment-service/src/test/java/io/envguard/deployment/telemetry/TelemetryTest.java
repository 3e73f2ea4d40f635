package io.envguard.deployment.telemetry;

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
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

/** Logs and metrics of environments, deployments and chainlets in Baseten's shapes, open to every member who can see them. */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class TelemetryTest {

    private User member;
    private String model;
    private String base;

    @BeforeEach
    void aModelServingProduction() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, null);
        base = "/v1/models/" + model;
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).body(Map.of("deployment_id", deployment)).post(base + "/environments/production/promote").then().statusCode(200);
    }

    @Test
    void environmentLogsAreThoseOfItsCurrentDeploymentOldestFirst() {
        as(member).get(base + "/environments/production/logs").then().statusCode(200)
                .body("logs", hasSize(3))
                .body("logs.timestamp", everyItem(matchesPattern("[0-9]{19}")))
                .body("logs.level", everyItem(is("INFO")))
                .body("logs[0]", hasKey("replica")).body("logs[0].replica", nullValue())
                .body("logs[2].message", is("serving environment production"));
    }

    @Test
    void theQueryOrdersLimitsAndFilters() {
        String logs = base + "/environments/production/logs";
        as(member).get(logs + "?direction=desc&limit=1").then().statusCode(200)
                .body("logs.message", contains("serving environment production"));
        as(member).get(logs + "?includes=created&includes=instance").then().body("logs", hasSize(1));
        as(member).get(logs + "?excludes=serving").then().body("logs", hasSize(2));
        as(member).queryParam("search_pattern", "is (ACTIVE|INACTIVE)").get(logs).then().body("logs", hasSize(1));
        as(member).get(logs + "?min_level=WARNING").then().body("logs", empty());
        as(member).get(logs + "?replica=abcde").then().body("logs", empty());
        as(member).get(logs + "?end_epoch_millis=0&start_epoch_millis=0").then().statusCode(200).body("logs", empty());
    }

    @Test
    void aWrongQueryIsRefusedNamingTheField() {
        String logs = base + "/environments/production/logs";
        as(member).get(logs + "?limit=0").then().statusCode(400).body("fields", hasKey("limit"));
        as(member).get(logs + "?limit=ten").then().statusCode(400).body("fields", hasKey("limit"));
        as(member).get(logs + "?direction=sideways").then().statusCode(400).body("fields", hasKey("direction"));
        as(member).get(logs + "?start_epoch_millis=2000&end_epoch_millis=1000").then().statusCode(400)
                .body("fields", hasKey("start_epoch_millis"));
        as(member).get(logs + "?start_epoch_millis=0&end_epoch_millis=" + 8L * 24 * 3600 * 1000).then().statusCode(400);
        as(member).get(logs + "?search_pattern=(").then().statusCode(400).body("fields", hasKey("search_pattern"));
    }

    @Test
    void deploymentLogsAreReadWithTheQueryInTheBody() {
        as(member).body(Map.of("limit", 2, "direction", "asc")).post(base + "/deployments/production/logs").then().statusCode(200)
                .body("logs", hasSize(2));
        as(member).body(Map.of()).post(base + "/deployments/production/logs").then().statusCode(200).body("logs", hasSize(3));
        as(member).body(Map.of("limit", 2000)).post(base + "/deployments/production/logs").then().statusCode(400);
        as(member).body(Map.of("lines", 2)).post(base + "/deployments/production/logs").then().statusCode(400);
    }

    @Test
    void deploymentLogsAndMetricsTakeTheQueryAsParameters() {
        String served = base + "/deployments/production";
        as(member).get(served + "/logs?direction=desc&limit=1").then().statusCode(200)
                .body("logs.message", contains("serving environment production"));
        as(member).get(served + "/logs?limit=0").then().statusCode(400).body("fields", hasKey("limit"));
        as(member).get(served + "/metrics").then().statusCode(200)
                .body("mode", is("CURRENT")).body("step_seconds", nullValue())
                .body("metric_descriptors.name", contains("baseten_replicas_active", "baseten_inference_requests_total",
                        "baseten_end_to_end_response_time_seconds"))
                .body("metric_values", hasSize(1))
                .body("metric_values[0].values[0]", contains(1.0f))
                .body("metric_values[0].values[2]", hasSize(4));
        long end = System.currentTimeMillis();
        as(member).get(served + "/metrics?mode=SUMMARY&metrics=baseten_inference_requests_total&start_epoch_millis="
                        + (end - 600_000) + "&end_epoch_millis=" + end).then().statusCode(200)
                .body("mode", is("SUMMARY")).body("start_epoch_millis", is(end - 600_000))
                .body("metric_descriptors.name", contains("baseten_inference_requests_total"))
                .body("metric_values", hasSize(1)).body("metric_values[0].values[0]", contains(0.0f));
        as(member).get(served + "/metrics?metrics=gpu_temperature").then().statusCode(400).body("fields", hasKey("metrics"));
        as(member).get(base + "/deployments/nothing/metrics").then().statusCode(404);
    }

    @Test
    void aDeploymentServingNothingRunsItsMinimumOfReplicas() {
        String idle = Api.pushDeployment(member, "models", model);
        as(member).get(base + "/deployments/" + idle + "/metrics?metrics=baseten_replicas_active").then().statusCode(200)
                .body("metric_values[0].values[0]", contains(0.0f));
        as(member).get(base + "/deployments/" + idle + "/logs").then().statusCode(200).body("logs", hasSize(2));
    }

    @Test
    void chainletLogsNameTheChainletAndItsInstanceType() {
        String chain = Api.createChain(member);
        String deployment = as(member).body(Map.of("chainlets", List.of("entrypoint", "worker"), "instance_type", "2x8"))
                .post("/v1/chains/" + chain + "/deployments").then().statusCode(201).extract().path("id");

        as(member).get("/v1/chains/" + chain + "/deployments/" + deployment + "/chainlets/worker/logs").then().statusCode(200)
                .body("logs.message", contains("chainlet worker of deployment deployment-1 created on instance type 2x8",
                        "chainlet worker is ACTIVE, 0–1 replicas"));
        String workerId = as(member).get("/v1/chains/" + chain + "/deployments/" + deployment).then().statusCode(200)
                .extract().path("chainlets.find { it.name == 'worker' }.id");
        as(member).get("/v1/chains/" + chain + "/deployments/" + deployment + "/chainlets/" + workerId + "/logs")
                .then().statusCode(200).body("logs.message", hasItem("chainlet worker is ACTIVE, 0–1 replicas"));
        as(member).get("/v1/chains/" + chain + "/deployments/" + deployment + "/chainlets/ghost/logs").then().statusCode(404);
        as(member).get(base + "/deployments/production/chainlets/entrypoint/logs").then().statusCode(404);
    }

    @Test
    void currentMetricsAreOneSnapshotOfTheDefaultSet() {
        as(member).get(base + "/environments/production/metrics").then().statusCode(200)
                .body("mode", is("CURRENT"))
                .body("step_seconds", nullValue())
                .body("metric_descriptors.name", contains("baseten_replicas_active", "baseten_inference_requests_total",
                        "baseten_end_to_end_response_time_seconds"))
                .body("metric_descriptors[0].kind", is("GAUGE")).body("metric_descriptors[0].unit_hint", is("COUNT"))
                .body("metric_descriptors[0].label_sets", contains(Map.of()))
                .body("metric_descriptors[2].kind", is("HISTOGRAM")).body("metric_descriptors[2].label_sets", hasSize(4))
                .body("metric_values", hasSize(1))
                .body("metric_values[0].values[0]", contains(1.0f))
                .body("metric_values[0].values[1]", contains(0.0f))
                .body("metric_values[0].values[2]", hasSize(4));
    }

    @Test
    void aSeriesSplitsTheWindowIntoSteps() {
        long end = System.currentTimeMillis();
        as(member).get(base + "/environments/production/metrics?mode=SERIES&metrics=baseten_replicas_active&start_epoch_millis="
                        + (end - 3_600_000) + "&end_epoch_millis=" + end).then().statusCode(200)
                .body("mode", is("SERIES"))
                .body("step_seconds", is(60))
                .body("start_epoch_millis", is(end - 3_600_000))
                .body("metric_descriptors", hasSize(1))
                .body("metric_values", hasSize(60))
                .body("metric_values[0].values[0]", contains((Object) null))
                .body("metric_values[59].values[0]", contains(1.0f));
    }

    @Test
    void wrongMetricsQueriesAreRefused() {
        String metrics = base + "/environments/production/metrics";
        as(member).get(metrics + "?start_epoch_millis=0").then().statusCode(400).body("fields", hasKey("start_epoch_millis"));
        as(member).get(metrics + "?metrics=gpu_temperature").then().statusCode(400).body("fields", hasKey("metrics"));
        as(member).get(metrics + "?mode=AVERAGE").then().statusCode(400).body("fields", hasKey("mode"));
        as(member).get(base + "/environments/nowhere/metrics").then().statusCode(404);
    }

    @Test
    void aMemberOfAnotherTeamSeesNothing() {
        as(Fixtures.stranger()).get(base + "/environments/production/logs").then().statusCode(404);
        as(Fixtures.stranger()).get(base + "/environments/production/metrics").then().statusCode(404);
    }
}
