package io.envguard.e2e;

import io.envguard.deployment.testing.RandomWrites;
import io.envguard.deployment.testing.RandomWrites.Target;
import io.envguard.deployment.testing.RandomWrites.Write;
import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.envguard.e2e.Gateway.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every side door into a restricted environment, end to end through the gateway, with real restrictions: the reproduction
 * of the issue for models and chains, a seeded random run of a member without access (the in-process invariant test,
 * shorter; {@code -Denvguard.invariant.seed=N} repeats one), and the {@code Platform-Revision} a client demands.
 */
class SideDoorIT {

    private static final List<String> RESTRICTED = List.of("production", "secure");
    private static final int WRITES = Integer.getInteger("envguard.invariant.gateway-writes", 300);

    private Organization organization;
    private User member;
    private int restrictedAt;

    @BeforeEach
    void anOrganisationWhereProductionAndSecureAreRestrictedToNobody() {
        organization = Gateway.newOrganization("sidedoor");
        member = Gateway.newMember(organization, "mallory", "MEMBER");
        as(organization.admin()).body(Map.of("name", "secure", "manage_access", Map.of("is_restricted", true, "user_ids", List.of())))
                .post("/v1/environment_groups").then().statusCode(201);
        restrictedAt = as(organization.admin())
                .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of())))
                .patch("/v1/environment_groups/production").then().statusCode(200).extract().path("revision");
    }

    @Test
    void theReproductionOfTheIssueIsRefusedForModelsAndChains() {
        for (String kind : List.of("models", "chains")) {
            String base = "/v1/" + kind + "/" + Gateway.created(as(organization.admin()).body(Map.of("name", "llama")), kind);
            String deployment = Gateway.pushed(as(organization.admin()).body(Map.of()), base);
            as(organization.admin()).body(Map.of("deployment_id", deployment)).post(base + "/environments/production/promote")
                    .then().statusCode(200);
            String production = served(base, "production");

            as(member).body(Map.of("max_replica", 7)).patch(base + "/deployments/production/autoscaling_settings")
                    .then().statusCode(403).body("environment", equalTo("production"));
            as(member).body(Map.of("name", "staging")).post(base + "/environments").then().statusCode(200);
            as(member).body(Map.of("deployment_id", "production")).post(base + "/environments/staging/promote").then().statusCode(200);
            as(member).body(Map.of("autoscaling_settings", Map.of("max_replica", 7))).patch(base + "/environments/staging")
                    .then().statusCode(403)
                    .body("code", equalTo("ENVIRONMENT_RESTRICTED"))
                    .body("environment", equalTo("production"))
                    .body("reason", equalTo("NOT_GRANTED"));
            if (kind.equals("chains")) {
                as(member).body(Map.of("updates", List.of(Map.of("chainlet_name", "entrypoint", "autoscaling_settings", Map.of("max_replica", 7)))))
                        .patch(base + "/environments/staging/chainlet_settings/autoscaling_settings")
                        .then().statusCode(403).body("environment", equalTo("production"));
            }

            assertEquals(production, served(base, "production"), kind + ": production changed");
            as(organization.admin()).get("/v1/audit_logs?environment=production&limit=1").then().statusCode(200)
                    .body("items[0].outcome", is("DENIED"))
                    .body("items[0].checked_environments", is(List.of("staging", "production")));
        }
    }

    @Test
    void randomWritesOfAMemberWithoutAccessLeaveEveryRestrictedEnvironmentAsItWas() {
        long seed = Long.getLong("envguard.invariant.seed", new SecureRandom().nextLong());
        System.out.println("SideDoorIT: seed " + seed + " (repeat with -Denvguard.invariant.seed=" + seed + ")");
        List<Target> targets = new ArrayList<>();
        for (String kind : List.of("models", "models", "chains", "chains")) {
            targets.add(RandomWrites.setUp(() -> as(organization.admin()), kind));
        }
        Map<String, String> before = RandomWrites.servedState(() -> as(organization.admin()), targets, RESTRICTED);

        RandomWrites writes = new RandomWrites(seed, () -> as(member), targets);
        for (int i = 1; i <= WRITES; i++) {
            Write write = writes.next();
            Response response = write.response();
            String context = "seed " + seed + ", write " + i + ": " + write.description();
            assertTrue(RandomWrites.isExpected(response), context + " answered " + response.statusCode() + " " + response.asString());
            if (response.statusCode() == 403) {
                assertTrue(RESTRICTED.contains(response.<String>path("environment")), context + ": " + response.asString());
            }
        }
        System.out.println("SideDoorIT: seed " + seed + ", " + WRITES + " writes, by answer: " + writes.statuses());

        assertEquals(before, RandomWrites.servedState(() -> as(organization.admin()), targets, RESTRICTED), "seed " + seed);
        assertTrue(writes.statuses().keySet().stream().anyMatch(status -> status.startsWith("403")), writes.statuses().toString());
        assertTrue(writes.statuses().keySet().stream().anyMatch(status -> status.startsWith("2")), writes.statuses().toString());
    }

    @Test
    void aGuardedCallIsDecidedAtTheRevisionItDemandsOrNotAtAll() {
        String base = "/v1/models/" + as(organization.admin()).body(Map.of("name", "fresh")).post("/v1/models")
                .then().statusCode(200).extract().path("model.id");
        String deployment = as(member).body(Map.of()).post(base + "/deployments").then().statusCode(200).extract().path("deployment.id");
        as(member).body(Map.of("name", "staging")).post(base + "/environments").then().statusCode(200);

        long started = System.nanoTime();
        as(member).header("Platform-Revision", "1000000000000").body(Map.of("deployment_id", deployment))
                .post(base + "/environments/staging/promote")
                .then().statusCode(503).body("code", equalTo("AUTHZ_UNAVAILABLE"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        as(member).get(base + "/environments/staging").then().statusCode(200).body("current_deployment", equalTo(null));
        assertTrue(millis < 5_000, "a revision that is never reached was answered after " + millis + " ms");

        as(member).header("Platform-Revision", "next").body(Map.of("deployment_id", deployment))
                .post(base + "/environments/staging/promote")
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));

        as(member).header("Platform-Revision", String.valueOf(restrictedAt)).body(Map.of("deployment_id", deployment))
                .post(base + "/environments/staging/promote")
                .then().statusCode(200);
        as(member).header("Platform-Revision", String.valueOf(restrictedAt)).body(Map.of("deployment_id", deployment))
                .post(base + "/environments/production/promote")
                .then().statusCode(403).body("reason", equalTo("NOT_GRANTED"));
    }

    private String served(String base, String environment) {
        return as(organization.admin()).get(base + "/environments/" + environment).then().statusCode(200).extract().asString();
    }
}
