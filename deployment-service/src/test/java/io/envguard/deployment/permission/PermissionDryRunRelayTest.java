package io.envguard.deployment.permission;

import static io.envguard.deployment.testing.Api.as;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.deployment.testing.Api;
import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.Fixtures.User;
import io.envguard.deployment.testing.StubAuthz.DryRun;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The public dry run reaches authz-service through this service, with the team of every model and chain the caller may
 * see: authz-service answers it without calling back.
 */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class PermissionDryRunRelayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private User member;
    private String model;
    private String chain;

    @BeforeEach
    void aModelAndAChainOfTheMlTeam() {
        Fixtures.authz().reset();
        member = Fixtures.member();
        model = Api.createModel(member, Fixtures.ML_TEAM);
        chain = Api.createChain(member);
    }

    @AfterEach
    void authzAnswersAgain() {
        Fixtures.authz().reset();
    }

    @Test
    void theOwnerOfAModelTheCallerSeesTravelsWithTheQuestion() throws Exception {
        as(member).body(Map.of("action", "PROMOTE", "model_id", model, "environment", "production"))
                .post("/v1/permissions/check")
                .then().statusCode(200).body("allowed", is(true)).body("reason", is("UNRESTRICTED"));

        DryRun relayed = lastDryRun();
        assertEquals("/v1/permissions/check", relayed.path());
        assertEquals(member.bearer(), relayed.authorization());
        JsonNode body = JSON.readTree(relayed.body());
        assertEquals(model, body.path("model_id").asText());
        assertEquals(Map.of(model, Fixtures.ML_TEAM), JSON.convertValue(body.at("/owners/models"), Map.class));
        assertEquals(Map.of(), JSON.convertValue(body.at("/owners/chains"), Map.class));
    }

    @Test
    void aModelTheCallerMayNotSeeHasNoOwnerWhateverTheClientClaims() throws Exception {
        as(Fixtures.outsider()).body(Map.of("action", "PROMOTE", "model_id", model, "environment", "production",
                        "owners", Map.of("models", Map.of(model, Fixtures.ML_TEAM))))
                .post("/v1/permissions/check").then().statusCode(200);
        as(Fixtures.stranger()).body(Map.of("action", "PROMOTE", "model_id", model, "environment", "production"))
                .post("/v1/permissions/check").then().statusCode(200);

        for (DryRun relayed : Fixtures.authz().dryRuns()) {
            assertEquals(Map.of(), JSON.convertValue(JSON.readTree(relayed.body()).at("/owners/models"), Map.class),
                    relayed.body());
        }
    }

    @Test
    void aBatchCarriesTheOwnerOfEachModelAndChainItNames() throws Exception {
        as(member).body(Map.of("checks", List.of(
                        Map.of("action", "PROMOTE", "model_id", model, "environment", "production"),
                        Map.of("action", "PROMOTE", "chain_id", chain, "environment", "production"),
                        Map.of("action", "PROMOTE", "model_id", "not-a-model", "environment", "production"),
                        Map.of("action", "PROMOTE", "team_id", Fixtures.ML_TEAM, "environment", "production"))))
                .post("/v1/permissions/check_batch").then().statusCode(200);

        DryRun relayed = lastDryRun();
        assertEquals("/v1/permissions/check_batch", relayed.path());
        JsonNode owners = JSON.readTree(relayed.body()).path("owners");
        assertEquals(Map.of(model, Fixtures.ML_TEAM), JSON.convertValue(owners.path("models"), Map.class));
        assertEquals(Map.of(chain, Fixtures.DEFAULT_TEAM), JSON.convertValue(owners.path("chains"), Map.class));
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRelayedAsItIsAndSoIsTheRefusal() {
        as(member).body("{\"action\":").post("/v1/permissions/check")
                .then().statusCode(400).body("code", is("VALIDATION_FAILED"));
        assertEquals("{\"action\":", lastDryRun().body());
    }

    private static DryRun lastDryRun() {
        List<DryRun> dryRuns = Fixtures.authz().dryRuns();
        assertTrue(!dryRuns.isEmpty(), "nothing was relayed to authz-service");
        return dryRuns.get(dryRuns.size() - 1);
    }
}
