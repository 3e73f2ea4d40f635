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
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** Deleting, activating and deactivating deployments, their backpressure and chainlet instance types, in Baseten's shapes. */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class DeploymentLifecycleTest {

    private User member;

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
        member = Fixtures.member();
    }

    @Test
    void deletingADeploymentCurrentNowhereAnswersItsTombstoneAndRemovesIt() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);

        as(member).delete("/v1/models/" + model + "/deployments/" + deployment).then().statusCode(200)
                .body("id", is(deployment)).body("deleted", is(true)).body("model_id", is(model))
                .body("$", not(hasKey("chain_id")))
                // Current nowhere: no environment needed a decision, so the revision is the caller's.
                .header("Platform-Revision", is("5"));

        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().statusCode(404);
    }

    @Test
    void deletingAChainDeploymentNamesItsChainAndRemovesItsChainlets() {
        String chain = Api.createChain(member);
        String deployment = as(member).body(Map.of("chainlets", List.of("entrypoint", "worker"))).post("/v1/chains/" + chain + "/deployments")
                .then().statusCode(201).extract().path("id");

        as(member).delete("/v1/chains/" + chain + "/deployments/" + deployment).then().statusCode(200)
                .body("id", is(deployment)).body("deleted", is(true)).body("chain_id", is(chain))
                .body("$", not(hasKey("model_id")));

        as(member).get("/v1/chains/" + chain + "/deployments/" + deployment).then().statusCode(404);
    }

    @Test
    void aDeploymentCurrentInAnEnvironmentIsNotDeleted() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        promote(model, "production", deployment);

        as(member).delete("/v1/models/" + model + "/deployments/" + deployment).then().statusCode(409)
                .body("code", is("CONFLICT"));
        as(member).get("/v1/models/" + model + "/environments/production").then().statusCode(200)
                .body("current_deployment.id", is(deployment));
    }

    @Test
    void aDeploymentIsDeletedByIdOnlyNotByAlias() {
        String model = Api.createModel(member, null);
        Api.pushDeployment(member, "models", model);

        as(member).delete("/v1/models/" + model + "/deployments/development").then().statusCode(404);
    }

    @Test
    void deactivatingAndActivatingADeploymentSetsItsStatus() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        String path = "/v1/models/" + model + "/deployments/" + deployment;

        as(member).post(path + "/deactivate").then().statusCode(200).body("success", is(true)).body("revision", is(5));
        as(member).get(path).then().body("status", is("INACTIVE"));
        as(member).post(path + "/activate").then().statusCode(200).body("success", is(true));
        as(member).get(path).then().body("status", is("ACTIVE"));
    }

    @Test
    void theProductionAndDevelopmentAliasesNameTheDeploymentToDeactivate() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        as(member).post("/v1/models/" + model + "/deployments/production/deactivate").then().statusCode(404);
        promote(model, "production", deployment);

        as(member).post("/v1/models/" + model + "/deployments/production/deactivate").then().statusCode(200);
        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().body("status", is("INACTIVE"));
        as(member).post("/v1/models/" + model + "/deployments/development/activate").then().statusCode(200);
        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().body("status", is("ACTIVE"));
    }

    @Test
    void deactivatingAnEnvironmentDeactivatesItsCurrentDeployment() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        String environments = "/v1/models/" + model + "/environments";
        as(member).post(environments + "/production/deactivate").then().statusCode(404);
        promote(model, "production", deployment);

        as(member).post(environments + "/production/deactivate").then().statusCode(200).body("success", is(true));
        as(member).get(environments + "/production").then().body("current_deployment.status", is("INACTIVE"));
        as(member).post(environments + "/production/activate").then().statusCode(200).body("success", is(true));
        as(member).get(environments + "/production").then().body("current_deployment.status", is("ACTIVE"));
        as(member).post(environments + "/nowhere/activate").then().statusCode(404);
    }

    @Test
    void backpressureIsSetShownOnTheDeploymentAndCleared() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        String path = "/v1/models/" + model + "/deployments/" + deployment;
        as(member).get(path).then().body("request_backpressure_settings.policy", nullValue());

        as(member).body(Map.of("policy", "QUEUE_ON_FULL")).patch(path + "/request_backpressure_settings").then().statusCode(200)
                .body("policy", is("QUEUE_ON_FULL")).body("revision", is(5));
        as(member).get(path).then().body("request_backpressure_settings.policy", is("QUEUE_ON_FULL"));

        as(member).body(Map.of()).patch(path + "/request_backpressure_settings").then().statusCode(200)
                .body("policy", nullValue());
        as(member).get(path).then().body("request_backpressure_settings", aMapWithSize(1))
                .body("request_backpressure_settings.policy", nullValue());
    }

    @Test
    void anUnknownPolicyOrFieldIsRefused() {
        String model = Api.createModel(member, null);
        String deployment = Api.pushDeployment(member, "models", model);
        String path = "/v1/models/" + model + "/deployments/" + deployment + "/request_backpressure_settings";

        as(member).body(Map.of("policy", "DROP_ON_FULL")).patch(path).then().statusCode(400).body("code", is("VALIDATION_FAILED"));
        as(member).body(Map.of("policy", "QUEUE_ON_FULL", "queue", 5)).patch(path).then().statusCode(400)
                .body("code", is("VALIDATION_FAILED"));
        as(member).get("/v1/models/" + model + "/deployments/" + deployment).then().body("request_backpressure_settings.policy", nullValue());
    }

    @Test
    void chainletInstanceTypesChangeInPlaceAndAreDescribed() {
        String chain = Api.createChain(member);
        String deployment = as(member).body(Map.of("chainlets", List.of("entrypoint", "worker"))).post("/v1/chains/" + chain + "/deployments")
                .then().statusCode(201).extract().path("id");
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote").then().statusCode(200);

        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "worker", "instance_type_id", "H100:2x52x468"))))
                .post("/v1/chains/" + chain + "/environments/production/chainlet_settings/instance_types/update")
                .then().statusCode(200)
                .body("requires_redeployment", is(false))
                .body("chain_deployment", nullValue())
                .body("chainlet_environment_settings.chainlet_name", is(List.of("entrypoint", "worker")))
                .body("chainlet_environment_settings[0].instance_type.id", is("1x2"))
                .body("chainlet_environment_settings[0].instance_type.millicpu_limit", is(1000))
                .body("chainlet_environment_settings[0].instance_type.memory_limit_mib", is(2048))
                .body("chainlet_environment_settings[0].instance_type.gpu_count", is(0))
                .body("chainlet_environment_settings[0].instance_type.gpu_type", nullValue())
                .body("chainlet_environment_settings[1].instance_type.id", is("H100:2x52x468"))
                .body("chainlet_environment_settings[1].instance_type.name", is("H100:2x52x468"))
                .body("chainlet_environment_settings[1].instance_type.gpu_count", is(2))
                .body("chainlet_environment_settings[1].instance_type.gpu_type", is("H100"))
                .body("chainlet_environment_settings[1].instance_type.millicpu_limit", is(52000))
                .body("chainlet_environment_settings[1].instance_type.memory_limit_mib", is(468 * 1024))
                .body("chainlet_environment_settings[1].instance_type", hasKey("gpu_memory_limit_mib"))
                .body("chainlet_environment_settings[1].autoscaling_settings.max_replica", is(1));

        as(member).get("/v1/chains/" + chain + "/deployments/" + deployment).then()
                .body("chainlets.instance_type_name", is(List.of("1x2", "H100:2x52x468")));
    }

    @Test
    void chainletInstanceTypesNeedAKnownChainletAValidTypeAndAChain() {
        String chain = Api.createChain(member);
        String deployment = Api.pushDeployment(member, "chains", chain);
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/chains/" + chain + "/environments/production/promote").then().statusCode(200);
        String path = "/v1/chains/" + chain + "/environments/production/chainlet_settings/instance_types/update";

        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "ghost", "instance_type_id", "1x4")))).post(path)
                .then().statusCode(400).body("fields", hasKey("updates.0.chainlet_name"));
        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "instance_type_id", "no such type!")))).post(path)
                .then().statusCode(400).body("fields", hasKey("updates.0.instance_type_id"));
        as(member).body(Map.of("updates", List.of())).post(path).then().statusCode(400);
        String model = Api.createModel(member, null);
        as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "instance_type_id", "1x4"))))
                .post("/v1/models/" + model + "/environments/production/chainlet_settings/instance_types/update").then().statusCode(404);
    }

    private void promote(String model, String environment, String deployment) {
        as(member).body(Map.of("deployment_id", deployment)).post("/v1/models/" + model + "/environments/" + environment + "/promote")
                .then().statusCode(200);
    }
}
