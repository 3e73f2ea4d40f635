package io.envguard.e2e;

import io.envguard.e2e.Gateway.Organization;
import io.envguard.e2e.Gateway.User;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.envguard.e2e.Gateway.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas of authz-service share the access table and split the topic's partitions: each must still answer every
 * organisation at once after a change, including those the other replica projects. A second replica is started beside
 * the platform's; changes go through the gateway (whose services ask the first replica), and checks are asked of the
 * second one directly, right after each change returned.
 */
class SecondAuthzReplicaIT {

    private static final Path ROOT = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();
    private static final int PORT = Integer.getInteger("envguard.second-authz.port", 18082);
    private static final int ORGANIZATIONS = 6;
    private static final int ROUNDS = 5;

    private static Process replica;

    @BeforeAll
    static void aSecondReplica() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx256m", "-jar",
                ROOT.resolve("authz-service/target/quarkus-app/quarkus-run.jar").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ROOT.resolve(".platform/logs/authz-second-replica.log").toFile());
        // The platform's own environment (database, Kafka as authz-service's user), in the local profile, on a port of
        // its own.
        builder.environment().put("QUARKUS_PROFILE", "local");
        builder.environment().putAll(LocalKafka.serviceEnvironment(LocalKafka.CONSUMER));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(PORT));
        builder.environment().put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", ROOT.resolve(".platform/keys/public.pem").toString());
        replica = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!ready()) {
            assertTrue(replica.isAlive(), "the second replica exited; see .platform/logs/authz-second-replica.log");
            assertTrue(System.nanoTime() < deadline, "the second replica is not ready after 90 s");
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (replica != null) {
            replica.destroy();
            if (!replica.waitFor(20, TimeUnit.SECONDS)) {
                replica.destroyForcibly();
            }
        }
    }

    @Test
    void theSecondReplicaAnswersEveryChangeAsSoonAsItHasReturned() {
        List<Organization> organizations = new ArrayList<>();
        List<User> members = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            Organization organization = Gateway.newOrganization("replicas");
            User member = Gateway.newMember(organization, "rory", "MEMBER");
            as(organization.admin())
                    .body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of())))
                    .patch("/v1/environment_groups/production").then().statusCode(200);
            organizations.add(organization);
            members.add(member);
        }

        int staleAllows = 0;
        int staleDenials = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < ORGANIZATIONS; i++) {
                Organization organization = organizations.get(i);
                User member = members.get(i);
                String grant = "/v1/environment_groups/production/grants/" + member.id();

                long granted = as(organization.admin()).body(Map.of()).put(grant)
                        .then().statusCode(200).extract().jsonPath().getLong("revision");
                if (!allowedOnSecondReplica(organization, member, null)) {
                    staleDenials++;
                }
                long revoked = as(organization.admin()).delete(grant)
                        .then().statusCode(200).extract().jsonPath().getLong("revision");
                if (allowedOnSecondReplica(organization, member, null)) {
                    staleAllows++;
                }
                assertTrue(revoked > granted);
                assertEquals(false, allowedOnSecondReplica(organization, member, revoked),
                        "a check for the revocation's own revision");
            }
        }
        assertEquals(0, staleAllows, "checks allowed by the second replica after a revocation returned");
        assertEquals(0, staleDenials, "checks denied by the second replica after a grant returned");
    }

    private static boolean allowedOnSecondReplica(Organization organization, User member, Long minRevision) {
        Map<String, Object> check = new HashMap<>(Map.of("organization_id", organization.id(),
                "team_id", organization.defaultTeamId(), "environment", "production", "action", "PROMOTE"));
        if (minRevision != null) {
            check.put("min_revision", minRevision);
        }
        return RestAssured.given().baseUri("http://127.0.0.1:" + PORT).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + member.token())
                .body(check).post("/internal/v1/checks")
                .then().statusCode(200).extract().path("allowed");
    }

    private static boolean ready() {
        try {
            return RestAssured.given().baseUri("http://127.0.0.1:" + PORT).get("/q/health/ready").statusCode() == 200;
        } catch (Exception e) { // not listening yet: RestAssured rethrows the ConnectException unchecked
            return false;
        }
    }
}
