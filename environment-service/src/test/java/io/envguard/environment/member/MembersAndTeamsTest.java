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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class MembersAndTeamsTest {

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
                .body("items.name", containsInAnyOrder("default", "ml"));
        admin.request().get("/v1/teams/" + teamId).then()
                .body("members.user_id", containsInAnyOrder(leadId, memberId))
                .body("members.find { it.user_id == '" + leadId + "' }.role", equalTo("ADMIN"));

        lead.request().delete("/v1/teams/" + teamId + "/members/" + memberId).then().statusCode(200);
        member.request().get("/v1/teams").then().body("items.name", not(hasItem("ml")));
        member.request().get("/v1/teams/" + teamId).then().statusCode(404);
        String defaultTeam = admin.request().get("/v1/organization").then().extract().path("default_team_id");
        admin.request().delete("/v1/teams/" + defaultTeam + "/members/" + memberId).then().statusCode(409);
    }
}
