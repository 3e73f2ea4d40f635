package io.envguard.deployment.workload;

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

import java.util.List;
import java.util.Map;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deleting a model or chain removes it with its environments and deployments and answers its tombstone. */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class WorkloadDeletionTest {

    private User member;

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
        member = Fixtures.member();
    }

    @ParameterizedTest
    @ValueSource(strings = {"models", "chains"})
    void deletingAnswersTheTombstoneAndRemovesEverythingOfIt(String kind) {
        String id = Api.created(as(member).body(Map.of("name", "doomed")), kind);
        String base = "/v1/" + kind + "/" + id;
        String deployment = Api.pushDeployment(member, kind, id);
        as(member).body(Map.of("name", "staging")).post(base + "/environments").then().statusCode(200);
        as(member).body(Map.of("deployment_id", deployment)).post(base + "/environments/production/promote").then().statusCode(200);

        as(member).delete(base).then().statusCode(200)
                .body("id", is(id)).body("deleted", is(true)).header("Platform-Revision", is("7"));

        as(member).get(base).then().statusCode(404);
        as(member).get(base + "/deployments/" + deployment).then().statusCode(404);
        as(member).get("/v1/" + kind).then().statusCode(200).body(kind + ".id", not(hasItem(id)));
        as(member).delete(base).then().statusCode(404);
    }

    @Test
    void deletingIsCheckedAgainstEveryEnvironmentAndAuditedForEach() {
        String model = Api.createModel(member, null);
        as(member).body(Map.of("name", "staging")).post("/v1/models/" + model + "/environments").then().statusCode(200);
        int before = Fixtures.authz().checks().size();

        as(member).delete("/v1/models/" + model).then().statusCode(200);

        List<String> asked = Fixtures.authz().checks().stream().skip(before)
                .map(check -> check.body().path("action").asText() + " " + check.body().path("environment").asText()).toList();
        assertEquals(List.of("MANAGE_ENVIRONMENT production", "MANAGE_ENVIRONMENT staging"),
                asked.stream().distinct().sorted().toList());
    }

    @Test
    void aModelOfAnotherTeamIsNotFound() {
        String model = Api.createModel(member, Fixtures.ML_TEAM);
        as(Fixtures.outsider()).delete("/v1/models/" + model).then().statusCode(404);
        as(member).get("/v1/models/" + model).then().statusCode(200);
    }
}
