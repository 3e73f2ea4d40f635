package io.envguard.authz.projection;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.edge.kafka.KafkaConnection;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * A replica that starts far behind the topic (here: a consumer group of its own on an empty table, with the history
 * already on the topic) loads the table in bulk and starts its consumers where the load ended, instead of applying the
 * history event by event.
 */
@QuarkusTest
@TestProfile(AccessTableBootstrapTest.FarBehind.class)
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AccessTableBootstrapTest {

    /** Behind by more than 100 records, in a group that has committed nothing yet. */
    public static class FarBehind implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("envguard.projection.bootstrap-threshold", "100",
                    "mp.messaging.incoming.environment-events.group.id", "authz-bootstrap-" + UUID.randomUUID());
        }
    }

    @Inject
    AccessTableOffsets offsets;

    @Inject
    AccessTableBootstrap bootstrap;

    @Inject
    KafkaConnection connection;

    @Test
    void aReplicaFarBehindLoadsTheHistoryInBulkAndConsumesOnlyWhatCameAfter() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "not ready within 60 s");
            Thread.sleep(100);
        }
        assertFalse(bootstrap.loading());
        given().header("Authorization", bearer(jwt("observer@example.com")))
                .queryParam("at_least", AuthzTestResources.HISTORY_EVENTS).queryParam("wait_ms", 0)
                .get("/internal/v1/organizations/{id}/revision", AuthzTestResources.HISTORY_ORGANIZATION)
                .then().statusCode(200).body("revision", equalTo(AuthzTestResources.HISTORY_EVENTS));

        // The table records how far it holds each partition: the topic's end when it was loaded.
        Map<Integer, Long> loaded = offsets.read();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(connection.config(Map.of()),
                new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor(AuthzTestResources.TOPIC).stream()
                    .map(p -> new TopicPartition(AuthzTestResources.TOPIC, p.partition())).toList();
            consumer.endOffsets(partitions).forEach((partition, end) ->
                    assertEquals(end, loaded.get(partition.partition()), "partition " + partition.partition()));
        }

        // The consumers started where the load ended: none of the history went through the live projection.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double consumed = metrics.lines().filter(line -> line.startsWith("envguard_projection_events_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertEquals(0, consumed, metrics.lines().filter(l -> l.startsWith("envguard_projection_events")).toList()
                .toString());
    }
}
