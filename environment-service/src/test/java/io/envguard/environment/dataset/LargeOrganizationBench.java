package io.envguard.environment.dataset;

import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.organization.CommittedOrganizations;
import io.envguard.environment.organization.OrganizationReader;
import io.envguard.environment.organization.OrganizationWarmUp;
import io.envguard.environment.organization.OrganizationState;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Not part of the test suite (tag {@code bench}, excluded by the module's build): what a grant costs in the data set's
 * large organisation (5,000 members, 4 teams, 200 extra environment groups, 12,000 events, stored by
 * {@link DataSetGenerator} with its snapshot) against a small one (12 members, 150 events) in the same run, grants
 * and revocations alternating between the two, one at a time; the member search in the large one; and what loading the large one costs
 * an instance that has not kept it, from its snapshot and from its whole history; and the first change after it left
 * memory, which loads it, against the first after the start's warm-up ({@link OrganizationWarmUp}) loaded it again.
 * authz-service is the module's stand-in, which confirms at once: the figures are environment-service's part of a
 * change. Prints one JSON line. Run:
 * {@code mvn -o -pl environment-service -am verify -Dtest=LargeOrganizationBench -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
@TestProfile(LargeOrganizationBench.ProductionSnapshots.class)
@Tag("bench")
class LargeOrganizationBench {

    private static final int GRANTS = Integer.getInteger("bench.grants", 300);
    private static final int SEARCHES = Integer.getInteger("bench.searches", 300);
    private static final int FIRSTS = Integer.getInteger("bench.firsts", 5);

    /**
     * Snapshots as often as in production, not every 3 events as in the tests. Without RestAssured's logging on failure,
     * which pretty-prints every answer in the test's JVM, the service's too: a grant's answer in the large organisation
     * lists every admin of the organisation, and printing it cost more than the service's whole part of the grant.
     */
    public static class ProductionSnapshots implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("envguard.snapshot.every", "100",
                    "quarkus.test.rest-assured.enable-logging-on-failure", "false");
        }
    }

    @Inject
    OrganizationReader reader;

    @Inject
    CommittedOrganizations organizations;

    @Inject
    OrganizationWarmUp warmUp;

    @Test
    void grantsInALargeOrganisationCostAboutWhatTheyCostInASmallOne() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        DataSetPlan large = DataSetPlan.generate(new DataSetPlan.Shape(5_000, 4, 50, 12_000), 1, run + "l", Instant.now());
        DataSetPlan small = DataSetPlan.generate(new DataSetPlan.Shape(12, 2, 2, 150), 2, run + "s", Instant.now());
        PGSimpleDataSource database = DataSetGeneratorTest.testDatabase();
        DataSetGenerator generator = new DataSetGenerator(database,
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EnvguardTestResources.bootstrapServers()));
        try {
            generator.write(List.of(large, small));
            generator.flush();
        } finally {
            generator.close();
        }
        awaitPublisher(database);

        // an instance that has not kept the organisation: from its snapshot, and from all of its events
        long started = System.nanoTime();
        OrganizationState cold = reader.current(large.organizationId);
        double loadFromSnapshotMs = (System.nanoTime() - started) / 1e6;
        started = System.nanoTime();
        OrganizationState replayed = new OrganizationState();
        reader.replay(large.organizationId, event -> replayed.apply((EnvironmentEvent) event.getPayload(),
                event.getSequenceNumber() + 1, event.getTimestamp()));
        double replayMs = (System.nanoTime() - started) / 1e6;
        assertTrue(cold.members().size() >= 5_000, "the large organisation has its members");

        Organization big = new Organization(large);
        Organization little = new Organization(small);
        for (int i = 0; i < 50; i++) { // warm-up, not counted
            big.changeNext();
            little.changeNext();
        }
        double[] largeChanges = new double[GRANTS];
        double[] smallChanges = new double[GRANTS];
        for (int i = 0; i < GRANTS; i++) {
            largeChanges[i] = big.changeNext();
            smallChanges[i] = little.changeNext();
        }
        double[] searches = new double[SEARCHES];
        for (int i = 0; i < SEARCHES; i++) {
            long t = System.nanoTime();
            big.admin().get("/v1/members?query=u1").then().statusCode(200);
            searches[i] = (System.nanoTime() - t) / 1e6;
        }

        // the first change after the large organisation left memory: it loads the organisation, unless the warm-up
        // (which takes the largest first) loaded it before
        double[] firstLoading = new double[FIRSTS];
        double[] firstWarmed = new double[FIRSTS];
        double[] warmUps = new double[FIRSTS];
        for (int i = 0; i < FIRSTS; i++) {
            organizations.forget(large.organizationId);
            firstLoading[i] = big.changeNext();
            organizations.forget(large.organizationId);
            long t = System.nanoTime();
            assertEquals(1, warmUp.warm(1));
            warmUps[i] = (System.nanoTime() - t) / 1e6;
            firstWarmed[i] = big.changeNext();
        }

        System.out.printf("{\"figure\": \"write_side_apart\", \"large_members\": %d, \"large_events\": %d, "
                        + "\"change_large\": %s, \"change_small\": %s, \"p50_ratio\": %.2f, \"p99_ratio\": %.2f, "
                        + "\"member_search_large\": %s, \"load_from_snapshot_ms\": %.1f, \"replay_all_events_ms\": %.1f, "
                        + "\"first_change_large_loading\": %s, \"first_change_large_warmed\": %s, \"warm_up\": %s}%n",
                cold.members().size(), large.events.size(), percentiles(largeChanges), percentiles(smallChanges),
                percentile(largeChanges, 50) / percentile(smallChanges, 50),
                percentile(largeChanges, 99) / percentile(smallChanges, 99),
                percentiles(searches), loadFromSnapshotMs, replayMs,
                percentiles(firstLoading), percentiles(firstWarmed), percentiles(warmUps));
    }

    /**
     * One generated organisation, as its creator, changing production's grants one at a time: members not granted at
     * first are granted and revoked in turn, so that every change stores one event, in either organisation.
     */
    private static final class Organization {
        private final String authorization;
        private final List<String> members;
        private int changes;

        Organization(DataSetPlan plan) {
            String creator = plan.members.get(plan.creatorId).email();
            authorization = "Bearer " + RestAssured.given().contentType(ContentType.JSON)
                    .body(Map.of("email", creator, "name", "creator")).post("/v1/auth/token")
                    .then().statusCode(200).extract().path("token");
            DataSetPlan.Group production = plan.teams.get(plan.defaultTeamId).groups.get("production");
            if (!production.restricted) {
                admin().body(Map.of("manage_access", Map.of("is_restricted", true)))
                        .patch("/v1/environment_groups/production").then().statusCode(200);
            }
            members = plan.members.keySet().stream().filter(id -> !production.grants.containsKey(id)).toList();
        }

        RequestSpecification admin() {
            return RestAssured.given().header("Authorization", authorization).contentType(ContentType.JSON);
        }

        /** Milliseconds for the next grant or revocation. */
        double changeNext() {
            String grant = "/v1/environment_groups/production/grants/" + members.get(changes / 2 % members.size());
            boolean granting = changes++ % 2 == 0;
            long started = System.nanoTime();
            (granting ? admin().body(Map.of()).put(grant) : admin().delete(grant)).then().statusCode(200);
            return (System.nanoTime() - started) / 1e6;
        }
    }

    private static String percentiles(double[] millis) {
        return String.format("{\"n\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f, \"max_ms\": %.2f}", millis.length,
                percentile(millis, 50), percentile(millis, 99), percentile(millis, 100));
    }

    private static double percentile(double[] millis, double p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** The service's publisher sends the generated events again (its tokens were not moved): not during the figures. */
    private static void awaitPublisher(PGSimpleDataSource database) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT (SELECT max(globalindex) FROM domainevententry)"
                        + " - min((convert_from(token, 'UTF8')::json->>'index')::bigint) FROM tokenentry"
                        + " WHERE processorname = 'kafka-publisher'")) {
                    rows.next();
                    if (rows.getLong(1) <= 0) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the publisher did not catch up in 180 s");
    }
}
