package io.envguard.environment.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.environment.axon.AxonRuntime;
import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data-set generator writes what the write side would: the same JSON for every event, rows the aggregate loads and
 * appends to, and records on the topic identical to those the service's own publisher sends for the same stored events.
 */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class DataSetGeneratorTest {

    @Inject
    ObjectMapper objectMapper;

    @Test
    void theGeneratorsMappersWriteEveryEventAsTheServicesDo() throws Exception {
        DataSetPlan plan = DataSetPlan.generate(new DataSetPlan.Shape(30, 4, 3, 400), 7, "mapper", Instant.now());
        ObjectMapper generators = DataSetGenerator.quarkusObjectMapper();
        for (ObjectMapper[] pair : List.of(new ObjectMapper[] {objectMapper, generators},
                new ObjectMapper[] {AxonRuntime.axonObjectMapper(objectMapper), AxonRuntime.axonObjectMapper(generators)})) {
            for (DataSetPlan.Planned event : plan.events) {
                EnvironmentEvent payload = event.payload();
                assertEquals(pair[0].writeValueAsString(payload), pair[1].writeValueAsString(payload));
            }
        }
    }

    @Test
    void aLoadedOrganisationIsPublishedAsThePublisherWouldAndTakesCommands() throws Exception {
        DataSetPlan plan = DataSetPlan.generate(new DataSetPlan.Shape(12, 2, 2, 150), 11,
                UUID.randomUUID().toString().substring(0, 8), Instant.now());
        DataSetGenerator generator = new DataSetGenerator(testDatabase(),
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EnvguardTestResources.bootstrapServers()));
        try {
            generator.write(List.of(plan));
            generator.flush();
        } finally {
            generator.close();
        }
        int loaded = plan.events.size();

        // The aggregate loads from the generated events and appends after them.
        DataSetPlan.Group production = plan.teams.get(plan.defaultTeamId).groups.get("production");
        String grantee = plan.members.keySet().stream().filter(id -> !production.grants.containsKey(id))
                .findFirst().orElseThrow();
        String creator = plan.members.get(plan.creatorId).email();
        String token = RestAssured.given().contentType(ContentType.JSON).body(Map.of("email", creator, "name", "c"))
                .post("/v1/auth/token").then().statusCode(200).extract().path("token");
        String revision = RestAssured.given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(Map.of()).put("/v1/environment_groups/production/grants/" + grantee)
                .then().statusCode(200).extract().header("Platform-Revision");
        assertEquals(String.valueOf(loaded + 1), revision);

        // The publisher sends the loaded events again (its tokens were not moved here): each pair must be identical.
        Map<Long, List<String>> byRevision = new TreeMap<>();
        for (ConsumerRecord<String, String> record : consume(plan.organizationId, 2 * loaded + 1)) {
            long rev = objectMapper.readTree(record.value()).path("revision").asLong();
            StringBuilder headers = new StringBuilder();
            for (Header header : record.headers()) {
                headers.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
            }
            byRevision.computeIfAbsent(rev, r -> new ArrayList<>()).add(headers + " " + record.value());
        }
        for (long rev = 1; rev <= loaded; rev++) {
            List<String> copies = byRevision.get(rev);
            assertEquals(2, copies.size(), "revision " + rev + " sent by the generator and by the publisher");
            assertEquals(copies.get(0), copies.get(1), "revision " + rev);
        }
    }

    @Test
    void anOrganisationOfManyEventsIsStoredWithASnapshotAtItsLastEvent() throws Exception {
        DataSetPlan plan = DataSetPlan.generate(new DataSetPlan.Shape(12, 2, 2, 150), 13,
                UUID.randomUUID().toString().substring(0, 8), Instant.now());
        PGSimpleDataSource database = testDatabase();
        DataSetGenerator generator = new DataSetGenerator(database,
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EnvguardTestResources.bootstrapServers()));
        try {
            generator.write(List.of(plan));
            generator.flush();
        } finally {
            generator.close();
        }
        try (Connection connection = database.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT sequencenumber FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            query.setString(1, plan.organizationId);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "a snapshot of the organisation");
                assertEquals(plan.events.size() - 1, rows.getLong(1));
            }
        }
    }

    static PGSimpleDataSource testDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://" + System.getenv().getOrDefault("ENVGUARD_DB_HOST", "127.0.0.1") + ":"
                + System.getenv().getOrDefault("ENVGUARD_DB_PORT", "5432") + "/" + EnvguardTestResources.DATABASE
                + "?reWriteBatchedInserts=true");
        dataSource.setUser(System.getenv().getOrDefault("ENVGUARD_DB_USER", "postgres"));
        dataSource.setPassword(System.getenv().getOrDefault("ENVGUARD_DB_PASSWORD", ""));
        return dataSource;
    }

    private static List<ConsumerRecord<String, String>> consume(String organizationId, int expected) {
        List<ConsumerRecord<String, String>> records =
                EnvguardTestResources.recordsOf(DataSetGenerator.TOPIC, organizationId, expected, Duration.ofSeconds(60));
        assertEquals(expected, records.size(), "records of the organisation on the topic");
        return records;
    }
}
