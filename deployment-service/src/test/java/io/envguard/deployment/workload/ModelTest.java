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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class ModelTest {

    private User member;

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
        member = Fixtures.member();
    }

    @Test
    void aModelIsCreatedInTheDefaultTeamWithItsProductionEnvironment() {
        String id = as(member).body(Map.of("name", "llama")).post("/v1/models")
                .then().statusCode(200)
                .body("model.id", notNullValue()).body("model.name", is("llama"))
                .body("model.team_id", is(Fixtures.DEFAULT_TEAM)).body("model.team_name", is(Fixtures.DEFAULT_TEAM))
                .body("model.created_at", notNullValue())
                .body("model.deployments_count", is(1)).body("model.production_deployment_id", nullValue())
                .body("model.instance_type_name", is("1x2"))
                .body("deployment.name", is("deployment-1")).body("deployment.status", is("ACTIVE"))
                .body("deployment.is_production", is(false)).body("deployment.is_development", is(true))
                .body("revision", is(5)).header("Platform-Revision", is("5"))
                .extract().path("model.id");

        as(member).get("/v1/models/" + id + "/environments")
                .then().statusCode(200).body("environments.name", is(List.of("production")))
                .body("environments[0].current_deployment", nullValue()).body("environments[0].in_progress_promotion", nullValue())
                .body("environments[0].promotion_settings.promotion_cleanup_strategy", is("SCALE_TO_ZERO"))
                .body("environments[0].instance_type.millicpu_limit", is(1000))
                .body("environments[0].autoscaling_settings.max_replica", is(1))
                .body("environments[0].request_backpressure_settings.policy", nullValue());
    }

    @Test
    void aCreatedModelReadsBackExactlyAsItWasAnswered() {
        var created = as(member).body(Map.of("name", "same")).post("/v1/models").then().statusCode(200).extract();
        as(member).get("/v1/models/" + created.path("model.id"))
                .then().body("created_at", is((String) created.path("model.created_at")))
                .body("development_deployment_id", is((String) created.path("deployment.id")));
    }

    @Test
    void aModelIsCreatedInANamedTeamOfTheCaller() {
        as(member).body(Map.of("name", "m", "team_id", Fixtures.ML_TEAM)).post("/v1/models")
                .then().statusCode(200).body("model.team_id", is(Fixtures.ML_TEAM));
        as(member).body(Map.of("name", "in-path")).post("/v1/teams/" + Fixtures.ML_TEAM + "/models")
                .then().statusCode(200).body("model.team_id", is(Fixtures.ML_TEAM));
        as(member).get("/v1/teams/" + Fixtures.ML_TEAM + "/models?name=in-path")
                .then().statusCode(200).body("models.name", is(List.of("in-path")));
    }

    @Test
    void aModelCannotBeCreatedInATeamTheCallerIsNotIn() {
        as(Fixtures.outsider()).body(Map.of("name", "m", "team_id", Fixtures.ML_TEAM)).post("/v1/models")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
    }

    @Test
    void aModelWithoutNameIsInvalid() {
        as(member).body(Map.of("team_id", Fixtures.ML_TEAM)).post("/v1/models")
                .then().statusCode(400).body("code", is("VALIDATION_FAILED")).body("fields.name", notNullValue());
    }

    @Test
    void malformedJsonAndUnknownFieldsAreInvalid() {
        as(member).body("{\"name\": ").post("/v1/models")
                .then().statusCode(400).body("code", is("VALIDATION_FAILED"));
        as(member).body(Map.of("name", "m", "colour", "blue")).post("/v1/models")
                .then().statusCode(400).body("code", is("VALIDATION_FAILED")).body("fields.colour", notNullValue());
    }

    @Test
    void aModelOfATeamTheCallerIsNotInIsNotFound() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        User outsider = Fixtures.outsider();

        as(outsider).get("/v1/models/" + model).then().statusCode(404).body("code", is("NOT_FOUND"));
        as(outsider).get("/v1/models/" + model + "/deployments").then().statusCode(404);
        as(outsider).get("/v1/models").then().statusCode(200).body("models.id", not(hasItem(model)));
        as(outsider).get("/v1/teams/" + Fixtures.ML_TEAM + "/models").then().statusCode(404);
    }

    @Test
    void anOrgAdminSeesTheModelsOfEveryTeam() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        User admin = Fixtures.admin();

        as(admin).get("/v1/models/" + model).then().statusCode(200).body("team_id", is(Fixtures.ML_TEAM));
        as(admin).get("/v1/models").then().statusCode(200).body("models.id", hasItem(model));
    }

    @Test
    void aModelOfAnotherOrganizationIsNotFoundEvenForItsAdmins() {
        String model = Api.createModel(member, null);
        as(Fixtures.stranger()).get("/v1/models/" + model).then().statusCode(404);
    }

    @Test
    void aChainIdIsNotAModelId() {
        String chain = Api.createChain(member);
        as(member).get("/v1/models/" + chain).then().statusCode(404);
        as(member).get("/v1/chains/" + chain).then().statusCode(200).body("id", is(chain));
    }

    @Test
    void anUnknownOrMalformedModelIdIsNotFound() {
        as(member).get("/v1/models/00000000-0000-0000-0000-000000000000").then().statusCode(404).body("code", is("NOT_FOUND"));
        as(member).get("/v1/models/not-a-uuid").then().statusCode(404);
    }

    @Test
    void modelsAreListedWholeAndFilteredByName() {
        User loner = Fixtures.user("loner", "org-" + System.nanoTime(), "MEMBER", List.of("team-loner"));
        for (int i = 0; i < 3; i++) {
            Api.createModel(loner, null);
        }
        as(loner).body(Map.of("source", Map.of("kind", "model_archive", "name", "archived",
                        "deployment", Map.of("config", Map.of("model_name", "archived"), "deployment_name", "v1"))))
                .post("/v1/models").then().statusCode(200).body("deployment.name", is("v1"));
        as(loner).get("/v1/models").then().statusCode(200).body("models.size()", is(4));
        as(loner).get("/v1/models?name=archived").then().statusCode(200).body("models.name", is(List.of("archived")));
        as(loner).body(Map.of("source", Map.of("kind", "model_archive", "name", "no-config", "deployment", Map.of())))
                .post("/v1/models").then().statusCode(400);
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() {
        as(member).get("/v1/models/" + Api.createModel(member, null) + "/nothing")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
        as(member).put("/v1/models").then().statusCode(405).body("code", is("METHOD_NOT_ALLOWED"));
    }
}
