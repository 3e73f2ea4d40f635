package io.envguard.deployment.workload;

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
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class ChainTest {

    private User member;
    private String chain;

    @BeforeEach
    void aChain() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        chain = Api.createChain(member);
    }

    @Test
    void aChainDeploymentHasItsChainlets() {
        as(member).body(Map.of("chainlets", List.of("entrypoint", "embedder"))).post("/v1/chains/" + chain + "/deployments")
                .then().statusCode(201)
                .body("chain_id", is(chain)).body("model_id", is(chain))
                .body("chainlets.name", is(List.of("embedder", "entrypoint")))
                .body("chainlets[0].instance_type_name", is("1x2")).body("chainlets[0].status", is("ACTIVE"))
                .body("chainlets[0].active_replica_count", is(0)).body("chainlets[0].id", notNullValue());
        as(member).get("/v1/chains/" + chain + "/environments/production").then().statusCode(200).body("chain_id", is(chain))
                .body("chainlet_settings", is(List.of()));
        as(member).get("/v1/chains/" + chain + "/environments").then().statusCode(200)
                .body("environments[0].model_id", is(chain)).body("environments[0].chain_id", is(chain));
        as(member).get("/v1/chains").then().statusCode(200).body("chains.id", org.hamcrest.Matchers.hasItem(chain));
        as(member).get("/v1/chains/" + chain).then().statusCode(200).body("deployments_count", is(1)).body("team_name", notNullValue());
        as(member).get("/v1/chains/" + chain + "/deployments").then().statusCode(200).body("deployments.size()", is(1));
    }

    @Test
    void chainletsKeepTheirPythonClassNames() {
        String longest = "C" + "a".repeat(63);
        String deployment = as(member).body(Map.of("chainlets", List.of("HelloWorld", "RandInt", "rand_int-2", longest)))
                .post("/v1/chains/" + chain + "/deployments").then().statusCode(201)
                .body("chainlets.name", containsInAnyOrder("HelloWorld", "RandInt", "rand_int-2", longest)).extract().path("id");
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(200);

        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "RandInt", "autoscaling_settings", Map.of("max_replica", 3)))))
                .patch("/v1/chains/" + chain + "/environments/production/chainlet_settings/autoscaling_settings")
                .then().statusCode(200)
                .body("deployment.chainlets.find { it.name == 'RandInt' }.autoscaling_settings.max_replica", is(3));
    }

    @Test
    void aChainletNameOutsideTheRuleIsRefused() {
        for (String name : List.of("Hello World", "-Lead", "_Lead", "Héllo", "a.b", "", "C" + "a".repeat(64))) {
            as(member).body(Map.of("chainlets", List.of("entrypoint", name))).post("/v1/chains/" + chain + "/deployments")
                    .then().statusCode(400).body("fields.chainlets", notNullValue());
        }
        as(member).get("/v1/chains/" + chain + "/deployments").then().statusCode(200).body("deployments.size()", is(0));
    }

    @Test
    void chainletAutoscalingIsGuardedByTheEnvironment() {
        String deployment = as(member).body(Map.of("chainlets", List.of("entrypoint", "embedder")))
                .post("/v1/chains/" + chain + "/deployments").then().statusCode(201).extract().path("id");
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(200);
        Fixtures.authz().reset();
        String path = "/v1/chains/" + chain + "/environments/production/chainlet_settings/autoscaling_settings";
        Map<String, Object> body = Map.of("updates", List.of(
                Map.of("chainlet_name", "embedder", "autoscaling_settings", Map.of("max_replica", 6))));

        Fixtures.authz().deny("NOT_GRANTED");
        as(member).body(body).patch(path).then().statusCode(403).body("action", is("UPDATE_AUTOSCALING"));
        Fixtures.authz().allow();
        as(member).body(body).patch(path)
                .then().statusCode(200).body("status", is("ACCEPTED"))
                .body("deployment.chainlets.find { it.name == 'embedder' }.autoscaling_settings.max_replica", is(6))
                .body("deployment.chainlets.find { it.name == 'entrypoint' }.autoscaling_settings.max_replica", is(1));
        as(member).get("/v1/chains/" + chain + "/environments/production").then().statusCode(200)
                .body("chainlet_settings.find { it.chainlet_name == 'embedder' }.autoscaling_settings.max_replica", is(6))
                .body("chainlet_settings[0].instance_type.id", is("1x2"));
        assertEquals("production", Fixtures.authz().checks().get(0).body().path("environment").asText());
    }

    @Test
    void chainletUpdatesNamingUnknownChainletsOrBadSettingsAreInvalid() {
        String deployment = Api.pushDeployment(member, "chains", chain);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote")
                .then().statusCode(200);
        String path = "/v1/chains/" + chain + "/environments/production/chainlet_settings/autoscaling_settings";

        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "ghost", "autoscaling_settings", Map.of("max_replica", 2)))))
                .patch(path).then().statusCode(400).body("fields.'updates.0.chainlet_name'", notNullValue());
        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "autoscaling_settings", Map.of("min_replica", 3)))))
                .patch(path).then().statusCode(400).body("fields.'updates.0.autoscaling_settings.min_replica'", notNullValue());
    }

    @Test
    void modelsHaveNoChainletSettings() {
        String model = Api.createModel(member, null);
        as(member).body(Map.of("updates", List.of()))
                .patch("/v1/models/" + model + "/environments/production/chainlet_settings/autoscaling_settings")
                .then().statusCode(404);
    }

    @Test
    void aChainOfATeamTheCallerIsNotInIsNotFound() {
        String hidden = as(member).body(Map.of("name", "c", "team_id", Fixtures.ML_TEAM)).post("/v1/chains")
                .then().statusCode(201).extract().path("id");
        as(Fixtures.outsider()).get("/v1/chains/" + hidden).then().statusCode(404);
    }
}
