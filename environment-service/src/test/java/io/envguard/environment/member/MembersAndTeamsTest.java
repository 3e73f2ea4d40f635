package io.envguard.environment.member;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class MembersAndTeamsTest {

    private static final String ISO_INSTANT = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";

    @Test
    void membersAreSearchedByNameOrEmailIgnoringCase() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        String grace = admin.request().body(Map.of("email", "Grace.Hopper-" + System.nanoTime() + "@Navy.example",
                        "name", "Grace Hopper", "role", "MEMBER"))
                .post("/v1/members").then().statusCode(201)
                .header("Platform-Revision", equalTo("2"))
                .body("name", equalTo("Grace Hopper"))
                .body("role", equalTo("MEMBER"))
                .body("revision", equalTo(2))
                .extract().path("user_id");
        Api member = Api.newUser("linus");
        admin.addMember(member, "MEMBER");

        member.request().queryParam("query", "HOPPER").get("/v1/members").then().statusCode(200)
                .body("items.user_id", contains(grace));
        member.request().queryParam("query", "navy.EXAMPLE").get("/v1/members").then()
                .body("items.user_id", contains(grace));
        member.request().queryParam("query", "' OR 1=1 --").get("/v1/members").then().body("items", hasSize(0));
        member.request().get("/v1/members").then().body("items", hasSize(3));
        member.request().get("/v1/members/" + grace).then().statusCode(200).body("email", notNullValue());
    }

    @Test
    void onlyAdminsManageMembersAndTheLastAdminStays() {
        Api admin = Api.newUser("ada");
        Api member = Api.newUser("bob");
        Api newcomer = Api.newUser("carol");
        admin.createOrganization("Acme");
        String memberId = admin.addMember(member, "MEMBER");

        member.request().body(Map.of("email", newcomer.email(), "role", "MEMBER")).post("/v1/members")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        member.request().body(Map.of("role", "ADMIN")).patch("/v1/members/" + memberId)
                .then().statusCode(403);
        admin.request().body(Map.of("role", "MEMBER")).patch("/v1/members/" + admin.userId())
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
        admin.request().delete("/v1/members/" + admin.userId()).then().statusCode(409);
        admin.request().body(Map.of("role", "OWNER")).patch("/v1/members/" + memberId)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        admin.request().body(Map.of("role", "ADMIN")).patch("/v1/members/" + memberId)
                .then().statusCode(200).body("role", equalTo("ADMIN")).header("Platform-Revision", notNullValue());
        admin.request().body(Map.of("role", "MEMBER")).patch("/v1/members/" + admin.userId())
                .then().statusCode(200);
    }

    @Test
    void aRemovedMemberLeavesTheOrganizationAndMayJoinAnother() {
        Api admin = Api.newUser("ada");
        Api member = Api.newUser("bob");
        admin.createOrganization("Acme");
        String memberId = admin.addMember(member, "MEMBER");
        admin.request().delete("/v1/members/" + memberId).then().statusCode(200)
                .body("revision", equalTo(3));
        admin.request().get("/v1/members/" + memberId).then().statusCode(404);
        member.request().get("/v1/organization").then().statusCode(404);
        member.createOrganization("Bob's");
    }

    @Test
    void invalidMemberInputIsRejected() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().body(Map.of("email", "not-an-email", "role", "MEMBER")).post("/v1/members")
                .then().statusCode(400).body("fields.email", notNullValue());
        admin.request().body(Map.of("email", "x@example.com")).post("/v1/members")
                .then().statusCode(400).body("fields.role", notNullValue());
        admin.request().get("/v1/members/not-a-uuid").then().statusCode(404);
    }

    @Test
    void aKelvinSignSpellingIsRefusedWhereverAnEmailIsGivenAndItsAsciiTwinIsOneUser() {
        String local = "kelvin-" + UUID.randomUUID().toString().substring(0, 8);
        // U+212A KELVIN SIGN: lower-cased in the root locale it becomes an ASCII 'k'.
        String kelvinSign = "\u212A" + local.substring(1) + "@example.com";
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", kelvinSign)).post("/v1/auth/token")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("fields.email", notNullValue());
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().body(Map.of("email", kelvinSign, "role", "MEMBER")).post("/v1/members")
                .then().statusCode(400).body("fields.email", notNullValue());

        String added = admin.request().body(Map.of("email", "K" + local.substring(1) + "@Example.com", "role", "MEMBER"))
                .post("/v1/members").then().statusCode(201).body("email", equalTo(local + "@example.com"))
                .extract().path("user_id");
        String signedIn = RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", local + "@example.com"))
                .post("/v1/auth/token").then().statusCode(200).extract().path("token");
        RestAssured.given().header("Authorization", "Bearer " + signedIn).get("/v1/organization")
                .then().statusCode(200).body("id", notNullValue());
        admin.request().get("/v1/members/" + added).then().statusCode(200).body("email", equalTo(local + "@example.com"));
    }

    @Test
    void teamsHaveMembersAndAdminsManagedByOrgAndTeamAdmins() {
        Api admin = Api.newUser("ada");
        Api lead = Api.newUser("lead");
        Api member = Api.newUser("bob");
        admin.createOrganization("Acme");
        String leadId = admin.addMember(lead, "MEMBER");
        String memberId = admin.addMember(member, "MEMBER");

        lead.request().body(Map.of("name", "ml")).post("/v1/teams").then().statusCode(403);
        String teamId = admin.request().body(Map.of("name", "ml")).post("/v1/teams").then().statusCode(201)
                .body("name", equalTo("ml")).body("revision", notNullValue()).extract().path("id");
        admin.request().body(Map.of("name", "ml")).post("/v1/teams").then().statusCode(409);
        admin.request().body(Map.of("user_id", leadId, "role", "ADMIN")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201).body("role", equalTo("ADMIN"));
        lead.request().body(Map.of("user_id", memberId, "role", "MEMBER")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201);
        member.request().body(Map.of("user_id", memberId, "role", "ADMIN")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(403);
        lead.request().body(Map.of("user_id", "00000000-0000-4000-8000-000000000000", "role", "MEMBER"))
                .post("/v1/teams/" + teamId + "/members").then().statusCode(400);

        member.request().get("/v1/teams").then().statusCode(200)
                .body("teams.name", containsInAnyOrder("default", "ml"))
                .body("teams.find { it.name == 'default' }.default", equalTo(true))
                .body("teams.find { it.name == 'ml' }.default", equalTo(false))
                .body("teams.created_at", everyItem(matchesPattern(ISO_INSTANT)));
        member.request().queryParam("name", "ml").get("/v1/teams").then().statusCode(200)
                .body("teams.id", contains(teamId));
        member.request().queryParam("name", "ML").get("/v1/teams").then().body("teams", hasSize(0));
        admin.request().get("/v1/teams/" + teamId).then()
                .body("id", equalTo(teamId))
                .body("name", equalTo("ml"))
                .body("default", equalTo(false))
                .body("created_at", matchesPattern(ISO_INSTANT))
                .body("members.user_id", containsInAnyOrder(leadId, memberId))
                .body("members.find { it.user_id == '" + leadId + "' }.role", equalTo("ADMIN"));

        lead.request().delete("/v1/teams/" + teamId + "/members/" + memberId).then().statusCode(200);
        member.request().get("/v1/teams").then().body("teams.name", not(hasItem("ml")));
        member.request().get("/v1/teams/" + teamId).then().statusCode(404);
        String defaultTeam = admin.request().get("/v1/organization").then().extract().path("default_team_id");
        admin.request().delete("/v1/teams/" + defaultTeam + "/members/" + memberId).then().statusCode(409);
    }

    @Test
    void theCallerLearnsWhoTheirCredentialActsAs() {
        Api ada = Api.newUser("ada");
        ada.request().get("/v1/users/me").then().statusCode(200)
                .body("user_id", equalTo(ada.userId()))
                .body("email", equalTo(ada.email()))
                .body("name", equalTo("ada"))
                .body("$", not(hasKey("organization_id")));
        String organizationId = ada.createOrganization("Acme");
        String key = ada.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys").then()
                .statusCode(200)
                .extract().path("api_key");
        ada.withAuthorization("Api-Key " + key).request().get("/v1/users/me").then().statusCode(200)
                .body("user_id", equalTo(ada.userId()))
                .body("workspace_name", equalTo("Acme"))
                .body("organization_id", equalTo(organizationId))
                .body("role", equalTo("ADMIN"))
                .body("api_key_prefix", equalTo(key.substring(0, key.indexOf('.'))));
        RestAssured.given().get("/v1/users/me").then().statusCode(401);
    }

    @Test
    void usersAreTheOrganisationsMembersPagedByEmail() {
        Api ada = Api.newUser("ada");
        ada.createOrganization("Acme");
        Api bob = Api.newUser("bob");
        Api carol = Api.newUser("carol");
        String bobId = ada.addMember(bob, "MEMBER");
        ada.addMember(carol, "MEMBER");

        var first = bob.request().queryParam("limit", 2).get("/v1/users").then().statusCode(200)
                .body("items.email", contains(ada.email(), bob.email()))
                .body("items[0].user_id", equalTo(ada.userId()))
                .body("items[0].workspace_name", equalTo("Acme"))
                .body("pagination.has_more", equalTo(true))
                .extract();
        bob.request().queryParam("limit", 2).queryParam("cursor", first.<String>path("pagination.cursor"))
                .get("/v1/users").then().statusCode(200)
                .body("items.email", contains(carol.email()))
                .body("pagination.has_more", equalTo(false))
                .body("pagination.cursor", nullValue());
        bob.request().get("/v1/users").then().body("items", hasSize(3)).body("pagination.has_more", equalTo(false));
        bob.request().queryParam("email", bob.email().toUpperCase()).get("/v1/users").then().statusCode(200)
                .body("items.user_id", contains(bobId));
        bob.request().queryParam("email", "nobody@example.com").get("/v1/users").then().body("items", hasSize(0));
        bob.request().queryParam("limit", 1001).get("/v1/users").then().statusCode(400)
                .body("fields.limit", notNullValue());
        bob.request().queryParam("cursor", "%%%").get("/v1/users").then().statusCode(400)
                .body("fields.cursor", notNullValue());
    }

    @Test
    void aUserOfAnotherOrganisationIsNotFound() {
        Api ada = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        Api eve = Api.newUser("eve");
        ada.createOrganization("Acme");
        String bobId = ada.addMember(bob, "MEMBER");
        eve.createOrganization("Rival");

        ada.request().get("/v1/users/" + bobId).then().statusCode(200)
                .body("user_id", equalTo(bobId))
                .body("email", equalTo(bob.email()))
                .body("name", equalTo("bob"))
                .body("workspace_name", equalTo("Acme"));
        eve.request().get("/v1/users/" + bobId).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        eve.request().get("/v1/users/" + ada.userId()).then().statusCode(404);
        eve.request().queryParam("email", bob.email()).get("/v1/users").then().body("items", hasSize(0));
        ada.request().get("/v1/users/" + eve.userId()).then().statusCode(404);
    }
}
