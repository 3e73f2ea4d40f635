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
                .then().statusCode(201)
                .body("id", notNullValue()).body("name", is("llama"))
                .body("team_id", is(Fixtures.DEFAULT_TEAM)).body("created_at", notNullValue())
                .body("revision", is(5)).header("Platform-Revision", is("5"))
                .extract().path("id");

        as(member).get("/v1/models/" + id + "/environments")
                .then().statusCode(200).body("items.name", is(List.of("production")))
                .body("items[0].current_deployment", nullValue()).body("items[0].in_progress_promotion", nullValue())
                .body("items[0].promotion_settings.promotion_cleanup_strategy", is("SCALE_TO_ZERO"))
                .body("pagination.has_more", is(false));
    }

    @Test
    void aCreatedModelReadsBackExactlyAsItWasAnswered() {
        var created = as(member).body(Map.of("name", "same")).post("/v1/models").then().statusCode(201).extract();
        as(member).get("/v1/models/" + created.path("id"))
                .then().body("created_at", is((String) created.path("created_at")));
    }

    @Test
    void aModelIsCreatedInANamedTeamOfTheCaller() {
        as(member).body(Map.of("name", "m", "team_id", Fixtures.ML_TEAM)).post("/v1/models")
                .then().statusCode(201).body("team_id", is(Fixtures.ML_TEAM));
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
        as(outsider).get("/v1/models").then().statusCode(200).body("items.id", not(hasItem(model)));
    }

    @Test
    void anOrgAdminSeesTheModelsOfEveryTeam() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        User admin = Fixtures.admin();

        as(admin).get("/v1/models/" + model).then().statusCode(200).body("team_id", is(Fixtures.ML_TEAM));
        as(admin).get("/v1/models?limit=1000").then().statusCode(200).body("items.id", hasItem(model));
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
    void modelsArePagedWithACursor() {
        User loner = Fixtures.user("loner", "org-" + System.nanoTime(), "MEMBER", List.of("team-loner"));
        for (int i = 0; i < 3; i++) {
            Api.createModel(loner, null);
        }
        String cursor = as(loner).get("/v1/models?limit=2")
                .then().statusCode(200).body("items.size()", is(2)).body("pagination.has_more", is(true))
                .extract().path("pagination.cursor");
        as(loner).get("/v1/models?limit=2&cursor=" + cursor)
                .then().statusCode(200).body("items.size()", is(1)).body("pagination.has_more", is(false));
        as(loner).get("/v1/models?limit=0").then().statusCode(400);
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() {
        as(member).get("/v1/models/" + Api.createModel(member, null) + "/nothing")
                .then().statusCode(404).body("code", is("NOT_FOUND"));
        as(member).put("/v1/models").then().statusCode(405).body("code", is("METHOD_NOT_ALLOWED"));
    }
}
