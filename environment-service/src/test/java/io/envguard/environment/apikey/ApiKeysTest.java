package io.envguard.environment.apikey;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class ApiKeysTest {

    private static final Map<String, String> PERSONAL = Map.of("type", "PERSONAL");

    @Test
    void aKeyIsShownOnceListedWithoutSecretAndAcceptedInBothSchemes() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        var created = admin.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(200)
                .header("Platform-Revision", notNullValue())
                .body("api_key", matchesPattern("^[a-z0-9]{10}\\.[A-Za-z0-9_-]{43}$"))
                .body("name", equalTo("ci"))
                .body("type", equalTo("PERSONAL"))
                .body("created_at", notNullValue())
                .body("$", not(hasKey("team_name")))
                .extract();
        String key = created.path("api_key");
        String prefix = created.path("prefix");

        admin.request().get("/v1/api_keys").then().statusCode(200)
                .body("keys.prefix", contains(prefix))
                .body("keys[0].type", equalTo("PERSONAL"))
                .body("keys[0].name", equalTo("ci"))
                .body("keys[0].owner.user_id", equalTo(admin.userId()))
                .body("keys[0].owner.email", equalTo(admin.email()))
                .body("keys[0]", allOf(not(hasKey("api_key")), not(hasKey("team_name"))));
        RestAssured.given().header("Authorization", "Api-Key " + key).get("/v1/organization")
                .then().statusCode(200).body("name", equalTo("Acme"));
        RestAssured.given().header("Authorization", "Bearer " + key).get("/v1/members")
                .then().statusCode(200);
        RestAssured.given().header("Authorization", "Api-Key " + prefix + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .get("/v1/organization").then().statusCode(401);
    }

    @Test
    void theNameIsOptionalAsInBasetensRequest() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        Map<String, Object> nullName = new HashMap<>(PERSONAL);
        nullName.put("name", null);
        nullName.put("model_ids", List.of());
        String prefix = admin.request().body(nullName).post("/v1/api_keys").then().statusCode(200)
                .body("$", not(hasKey("name"))).extract().path("prefix");
        admin.request().body(PERSONAL).post("/v1/api_keys").then().statusCode(200);
        admin.request().get("/v1/api_keys").then().statusCode(200)
                .body("keys.find { it.prefix == '" + prefix + "' }", not(hasKey("name")));
    }

    @Test
    void aDeletedKeyIsRefusedFromTheMomentTheDeleteReturns() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        var created = admin.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(200).extract();
        String prefix = created.path("prefix");
        Api viaKey = admin.withAuthorization("Api-Key " + created.path("api_key"));
        viaKey.request().delete("/v1/api_keys/" + prefix).then().statusCode(200)
                .header("Platform-Revision", notNullValue())
                .body("prefix", equalTo(prefix))
                .body("revision", notNullValue());
        viaKey.request().get("/v1/organization").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        admin.request().delete("/v1/api_keys/" + prefix).then().statusCode(404);
    }

    @Test
    void aKeyActsWithItsUsersCurrentPermissions() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "ADMIN");
        String key = bob.request().body(Map.of("name", "laptop", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(200).extract().path("api_key");
        Api bobsKey = bob.withAuthorization("Api-Key " + key);
        bobsKey.request().body(Map.of("manage_access", Map.of("is_restricted", true)))
                .patch("/v1/environment_groups/production").then().statusCode(200);

        admin.request().body(Map.of("role", "MEMBER")).patch("/v1/members/" + bobId).then().statusCode(200);
        bobsKey.request().body(Map.of("manage_access", Map.of("is_restricted", false)))
                .patch("/v1/environment_groups/production").then().statusCode(403);

        admin.request().delete("/v1/members/" + bobId).then().statusCode(200);
        bobsKey.request().get("/v1/organization").then().statusCode(401);
    }

    @Test
    void aTeamKeyActsAsItsMakerAndNeverAsTheTeam() {
        Api admin = Api.newUser("ada");
        Api lead = Api.newUser("lead");
        Api outsider = Api.newUser("eve");
        admin.createOrganization("Acme");
        String leadId = admin.addMember(lead, "MEMBER");
        admin.addMember(outsider, "MEMBER");
        String teamId = admin.request().body(Map.of("name", "ml")).post("/v1/teams").then().statusCode(201)
                .extract().path("id");
        admin.request().body(Map.of("user_id", leadId, "role", "ADMIN")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201);

        outsider.request().body(PERSONAL).post("/v1/teams/" + teamId + "/api_keys").then().statusCode(404);
        var created = lead.request().body(Map.of("name", "ml-ci", "type", "PERSONAL"))
                .post("/v1/teams/" + teamId + "/api_keys").then().statusCode(200)
                .body("team_name", equalTo("ml"))
                .body("type", equalTo("PERSONAL"))
                .extract();
        lead.request().get("/v1/api_keys").then().statusCode(200)
                .body("keys.find { it.prefix == '" + created.path("prefix") + "' }.team_name", equalTo("ml"))
                .body("keys.find { it.prefix == '" + created.path("prefix") + "' }.owner.user_id", equalTo(leadId));
        admin.request().get("/v1/api_keys").then().body("keys", hasSize(0));

        // the key is the lead's: losing the team's admin role takes the team's management from the key too
        Api teamKey = lead.withAuthorization("Api-Key " + created.path("api_key"));
        String teamProduction = "/v1/teams/" + teamId + "/environment_groups/production";
        teamKey.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(teamProduction)
                .then().statusCode(200);
        admin.request().body(Map.of("user_id", leadId, "role", "MEMBER")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201);
        teamKey.request().body(Map.of("manage_access", Map.of("is_restricted", false))).patch(teamProduction)
                .then().statusCode(403);
        teamKey.request().delete("/v1/api_keys/" + created.path("prefix")).then().statusCode(200);
    }

    @Test
    void onlyPersonalKeysAreOfferedAndTheRefusalSaysSo() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        for (String workspace : List.of("WORKSPACE_MANAGE_ALL", "WORKSPACE_EXPORT_METRICS", "WORKSPACE_INVOKE",
                "WORKSPACE_MANAGE_API_KEYS", "WORKSPACE")) {
            admin.request().body(Map.of("name", "ci", "type", workspace)).post("/v1/api_keys")
                    .then().statusCode(400).body("fields.type", containsString("PERSONAL"));
        }
        admin.request().body(Map.of("name", "ci")).post("/v1/api_keys")
                .then().statusCode(400).body("fields.type", containsString("PERSONAL"));
        admin.request().body(Map.of("type", "PERSONAL", "model_ids", List.of("m1"))).post("/v1/api_keys")
                .then().statusCode(400).body("fields.model_ids", notNullValue());
        admin.request().body(Map.of("name", " ", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(400).body("fields.name", notNullValue());
        admin.request().get("/v1/api_keys").then().body("keys", hasSize(0));
    }

    @Test
    void keysOfOtherUsersAreNeitherListedNorDeleted() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        admin.addMember(bob, "MEMBER");
        String prefix = bob.request().body(PERSONAL).post("/v1/api_keys").then().statusCode(200)
                .extract().path("prefix");
        admin.request().get("/v1/api_keys").then().body("keys.prefix", not(hasItem(prefix)));
        admin.request().delete("/v1/api_keys/" + prefix).then().statusCode(404);
        bob.request().get("/v1/api_keys").then().body("keys.prefix", contains(prefix));
    }
}
