package io.envguard.environment.group;

import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class EnvironmentGroupsTest {

    private static final String PRODUCTION = "/v1/environment_groups/production";

    @Test
    void productionAndDevelopmentAreListedUnrestrictedFromTheStart() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().get("/v1/environment_groups").then().statusCode(200)
                .body("items.name", contains("development", "production"))
                .body("items.manage_access.is_restricted", contains(false, false))
                .body("pagination.has_more", equalTo(false))
                .body("pagination.cursor", nullValue());
    }

    @Test
    void theListIsPaginatedByCursor() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        for (String name : List.of("alpha", "beta", "gamma")) {
            admin.request().body(Map.of("name", name)).post("/v1/environment_groups").then().statusCode(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/environment_groups");
            page.then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2));
            seen.addAll(page.path("items.name"));
            cursor = page.path("pagination.cursor");
        } while (cursor != null);
        assertEquals(List.of("alpha", "beta", "development", "gamma", "production"), seen);
        admin.request().queryParam("limit", 0).get("/v1/environment_groups").then().statusCode(400);
        admin.request().queryParam("cursor", "%%%").get("/v1/environment_groups").then().statusCode(400);
    }

    @Test
    void membersMayCreateOnlyUnrestrictedGroups() {
        Api admin = Api.newUser("ada");
        Api member = Api.newUser("bob");
        admin.createOrganization("Acme");
        admin.addMember(member, "MEMBER");
        member.request().body(Map.of("name", "staging", "manage_access", Map.of("is_restricted", true)))
                .post("/v1/environment_groups").then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        member.request().body(Map.of("name", "staging")).post("/v1/environment_groups")
                .then().statusCode(201)
                .header("Platform-Revision", notNullValue())
                .body("name", equalTo("staging"))
                .body("manage_access.is_restricted", equalTo(false));
        member.request().body(Map.of("name", "staging")).post("/v1/environment_groups")
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Staging", "-x", "a%20b", "%C3%A9t%C3%A9", "x'%3B--"})
    void namesOutsideThePatternAreRejected(String name) {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        admin.request().urlEncodingEnabled(false).get("/v1/environment_groups/" + name)
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        admin.request().body(Map.of("name", java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)))
                .post("/v1/environment_groups")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("fields.name", notNullValue());
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        Api admin = Api.newUser("ada");
        admin.createOrganization("Acme");
        int revision = admin.request().get(PRODUCTION).then().statusCode(200).extract().path("revision");
        admin.request().header("If-Match", "\"" + revision + "\"")
                .body(Map.of("manage_access", Map.of("is_restricted", true)))
                .patch(PRODUCTION).then().statusCode(200).body("revision", equalTo(revision + 1));
        admin.request().header("If-Match", String.valueOf(revision))
                .body(Map.of("manage_access", Map.of("is_restricted", false)))
                .patch(PRODUCTION).then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        admin.request().get(PRODUCTION).then().body("manage_access.is_restricted", equalTo(true))
                .body("revision", equalTo(revision + 1));
    }

    @Test
    void aPatchWithoutManageAccessLeavesAccessAsItIsAndRecordsNothing() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "MEMBER");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(bobId))))
                .patch(PRODUCTION).then().statusCode(200);
        int revision = admin.request().get(PRODUCTION).then().extract().path("revision");
        Map<String, Object> nullAccess = new java.util.HashMap<>();
        nullAccess.put("manage_access", null);

        for (Object body : List.of(nullAccess, Map.of())) {
            admin.request().header("If-Match", revision).body(body).patch(PRODUCTION).then().statusCode(200)
                    .header("Platform-Revision", String.valueOf(revision))
                    .body("name", equalTo("production"))
                    .body("team_name", equalTo("default"))
                    .body("revision", equalTo(revision))
                    .body("manage_access.is_restricted", equalTo(true))
                    .body("manage_access.users.user_id", containsInAnyOrder(admin.userId(), bobId));
        }
        admin.request().header("If-Match", revision - 1).body(Map.of()).patch(PRODUCTION)
                .then().statusCode(412).body("code", equalTo("PRECONDITION_FAILED"));
        bob.request().body(Map.of()).patch(PRODUCTION).then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        admin.request().get(PRODUCTION + "/history").then()
                .body("items.type", contains("EnvironmentGroupRestricted", "AccessGranted"));
        admin.request().get(PRODUCTION).then().body("revision", equalTo(revision));
    }

    @Test
    void twoAdminsPatchingAtOnceNeverLoseAnUpdateSilently() throws Exception {
        Api admin = Api.newUser("ada");
        Api other = Api.newUser("grace");
        Api bob = Api.newUser("bob");
        Api carol = Api.newUser("carol");
        admin.createOrganization("Acme");
        admin.addMember(other, "ADMIN");
        String bobId = admin.addMember(bob, "MEMBER");
        String carolId = admin.addMember(carol, "MEMBER");
        int revision = admin.request().get(PRODUCTION).then().extract().path("revision");

        List<Integer> statuses = race(
                () -> admin.request().header("If-Match", revision)
                        .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(bobId))))
                        .patch(PRODUCTION).statusCode(),
                () -> other.request().header("If-Match", revision)
                        .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(carolId))))
                        .patch(PRODUCTION).statusCode());

        assertEquals(List.of(200, 412), statuses.stream().sorted().toList());
        admin.request().get(PRODUCTION).then()
                .body("revision", equalTo(revision + 2))
                .body("manage_access.users.findAll { it.via == 'GRANT' }", hasSize(1));
    }

    @Test
    void concurrentSingleGrantsAreAllKept() throws Exception {
        Api admin = Api.newUser("ada");
        Api other = Api.newUser("grace");
        Api bob = Api.newUser("bob");
        Api carol = Api.newUser("carol");
        admin.createOrganization("Acme");
        admin.addMember(other, "ADMIN");
        String bobId = admin.addMember(bob, "MEMBER");
        String carolId = admin.addMember(carol, "MEMBER");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);

        List<Integer> statuses = race(
                () -> admin.request().body("{}").put(PRODUCTION + "/grants/" + bobId).statusCode(),
                () -> other.request().body("{}").put(PRODUCTION + "/grants/" + carolId).statusCode());

        assertEquals(List.of(200, 200), statuses);
        admin.request().get(PRODUCTION).then()
                .body("manage_access.users.findAll { it.via == 'GRANT' }.user_id", containsInAnyOrder(bobId, carolId));
    }

    @Test
    void singleGrantsAreAddedAndRemovedOnlyOnRestrictedGroups() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "MEMBER");
        admin.request().body("{}").put(PRODUCTION + "/grants/" + bobId)
                .then().statusCode(409).body("code", equalTo("CONFLICT"));
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        Instant expiresAt = Instant.parse("2099-01-01T00:00:00Z");
        admin.request().body(Map.of("expires_at", expiresAt.toString())).put(PRODUCTION + "/grants/" + bobId)
                .then().statusCode(200)
                .header("Platform-Revision", notNullValue())
                .body("manage_access.users.find { it.via == 'GRANT' }.expires_at", equalTo("2099-01-01T00:00:00Z"));
        admin.request().put(PRODUCTION + "/grants/00000000-0000-4000-8000-000000000000")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        admin.request().delete(PRODUCTION + "/grants/" + bobId).then().statusCode(200)
                .body("manage_access.users.via", not(hasItem("GRANT")));
        admin.request().delete(PRODUCTION + "/grants/" + bobId).then().statusCode(404);
    }

    @Test
    void anExpiringGrantEndsByItselfAndTheHistoryRecordsIt() throws Exception {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "MEMBER");
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(200);
        admin.request().body(Map.of("expires_at", Instant.now().plusSeconds(3).toString()))
                .put(PRODUCTION + "/grants/" + bobId).then().statusCode(200);

        Instant deadline = Instant.now().plusSeconds(15);
        List<String> types;
        do {
            Thread.sleep(250);
            types = admin.request().get(PRODUCTION + "/history").then().statusCode(200).extract().path("items.type");
        } while (!types.contains("GrantExpired") && Instant.now().isBefore(deadline));

        admin.request().get(PRODUCTION + "/history").then()
                .body("items.type", contains("EnvironmentGroupRestricted", "AccessGranted", "GrantExpired"))
                .body("items[2].actor.user_id", equalTo("system"))
                .body("items[2].user_id", equalTo(bobId))
                .body("items[1].actor.user_id", equalTo(admin.userId()))
                .body("items[0].revision", equalTo(3));
        admin.request().get(PRODUCTION).then().body("manage_access.users.via", not(hasItem("GRANT")));
        String grantedAt = admin.request().get(PRODUCTION + "/history").then().extract().path("items[1].at");
        admin.request().queryParam("at", grantedAt).get(PRODUCTION + "/access")
                .then().statusCode(200)
                .body("manage_access.is_restricted", equalTo(true))
                .body("manage_access.users.find { it.via == 'GRANT' }.user_id", equalTo(bobId));
        admin.request().queryParam("at", "yesterday").get(PRODUCTION + "/access").then().statusCode(400);
    }

    @Test
    void accessAtAnInstantIsAnsweredFromTheHistory() {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "MEMBER");
        Instant beforeRestriction = Instant.now();
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(bobId))))
                .patch(PRODUCTION).then().statusCode(200);
        Instant whileGranted = Instant.now();
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", false))).patch(PRODUCTION)
                .then().statusCode(200);

        admin.request().queryParam("at", beforeRestriction.toString()).get(PRODUCTION + "/access").then()
                .statusCode(200).body("manage_access.is_restricted", equalTo(false))
                .body("manage_access.users", hasSize(0));
        admin.request().queryParam("at", whileGranted.toString()).get(PRODUCTION + "/access").then()
                .statusCode(200).body("manage_access.is_restricted", equalTo(true))
                .body("manage_access.users.via", containsInAnyOrder("ORG_ADMIN", "GRANT"));
        admin.request().get(PRODUCTION + "/history").then()
                .body("items.type", contains("EnvironmentGroupRestricted", "AccessGranted", "AccessRevoked",
                        "EnvironmentGroupUnrestricted"));
    }

    @Test
    void aTeamHasItsOwnGroupsManagedByItsAdmins() {
        Api admin = Api.newUser("ada");
        Api lead = Api.newUser("lead");
        Api outsider = Api.newUser("otto");
        admin.createOrganization("Acme");
        String leadId = admin.addMember(lead, "MEMBER");
        admin.addMember(outsider, "MEMBER");
        String teamId = admin.request().body(Map.of("name", "ml")).post("/v1/teams")
                .then().statusCode(201).extract().path("id");
        admin.request().body(Map.of("user_id", leadId, "role", "ADMIN")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201);
        String teamProduction = "/v1/teams/" + teamId + "/environment_groups/production";

        lead.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(teamProduction)
                .then().statusCode(200)
                .body("team_id", equalTo(teamId))
                .body("team_name", equalTo("ml"))
                .body("manage_access.users.via", containsInAnyOrder("ORG_ADMIN", "TEAM_ADMIN"));
        lead.request().body(Map.of("manage_access", Map.of("is_restricted", true))).patch(PRODUCTION)
                .then().statusCode(403);
        outsider.request().get(teamProduction).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        admin.request().get(PRODUCTION).then().body("manage_access.is_restricted", equalTo(false));
    }

    @Test
    void anotherOrganizationsGroupsAreNotFound() {
        Api admin = Api.newUser("ada");
        Api rival = Api.newUser("eve");
        admin.createOrganization("Acme");
        rival.createOrganization("Rival");
        String teamId = admin.request().get("/v1/organization").then().extract().path("default_team_id");
        rival.request().get("/v1/teams/" + teamId + "/environment_groups/production")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        rival.request().body(Map.of("manage_access", Map.of("is_restricted", true)))
                .patch("/v1/teams/" + teamId + "/environment_groups/production").then().statusCode(404);
    }

    @SafeVarargs
    private static List<Integer> race(Callable<Integer>... calls) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(calls.length);
        try {
            CyclicBarrier start = new CyclicBarrier(calls.length);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get());
            }
            return statuses;
        } finally {
            executor.shutdownNow();
        }
    }
}
