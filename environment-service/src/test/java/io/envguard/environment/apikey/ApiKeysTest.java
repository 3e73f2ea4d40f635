package io.envguard.environment.apikey;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class ApiKeysTest {

    @Test
    void aKeyIsShownOnceListedWithoutSecretAndAcceptedInBothSchemes() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        var created = admin.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(201)
                .body("api_key", matchesPattern("^[a-z0-9]{10}\\.[A-Za-z0-9_-]{43}$"))
                .body("name", equalTo("ci"))
                .body("type", equalTo("PERSONAL"))
                .body("created_at", notNullValue())
                .extract();
        String key = created.path("api_key");
        String prefix = created.path("prefix");

        admin.request().get("/v1/api_keys").then().statusCode(200)
                .body("items.prefix", contains(prefix))
                .body("items[0]", not(hasKey("api_key")));
        RestAssured.given().header("Authorization", "Api-Key " + key).get("/v1/organization")
                .then().statusCode(200).body("name", equalTo("Acme"));
        RestAssured.given().header("Authorization", "Bearer " + key).get("/v1/members")
                .then().statusCode(200);
        RestAssured.given().header("Authorization", "Api-Key " + prefix + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .get("/v1/organization").then().statusCode(401);
    }

    @Test
    void aDeletedKeyIsRefusedFromTheMomentTheDeleteReturns() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        var created = admin.request().body(Map.of("name", "ci")).post("/v1/api_keys").then().statusCode(201).extract();
        Api viaKey = admin.withAuthorization("Api-Key " + created.path("api_key"));
        viaKey.request().delete("/v1/api_keys/" + created.path("prefix")).then().statusCode(204)
                .header("Platform-Revision", notNullValue());
        viaKey.request().get("/v1/organization").then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        admin.request().delete("/v1/api_keys/" + created.path("prefix")).then().statusCode(404);
    }

    @Test
    void aKeyActsWithItsUsersCurrentPermissions() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "ADMIN");
        String key = bob.request().body(Map.of("name", "laptop")).post("/v1/api_keys")
                .then().statusCode(201).extract().path("api_key");
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
    void onlyPersonalKeysWithANameAreCreated() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().body(Map.of("name", "ci", "type", "WORKSPACE")).post("/v1/api_keys")
                .then().statusCode(400).body("fields.type", notNullValue());
        admin.request().body(Map.of("name", " ")).post("/v1/api_keys")
                .then().statusCode(400).body("fields.name", notNullValue());
    }
}
