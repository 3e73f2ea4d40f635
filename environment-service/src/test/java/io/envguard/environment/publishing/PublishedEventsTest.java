package io.envguard.environment.publishing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.environment.support.Api;
import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What reaches Kafka is what docs/events.md and the samples promise. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class PublishedEventsTest {

    private static final String TOPIC = "envguard.environment.events";
    private static final Set<String> ALL_TYPES = Set.of("OrganizationCreated", "MemberAdded", "MemberRoleChanged",
            "MemberRemoved", "TeamCreated", "TeamMemberAdded", "TeamMemberRemoved", "EnvironmentGroupCreated",
            "EnvironmentGroupRestricted", "EnvironmentGroupUnrestricted", "AccessGranted", "AccessRevoked",
            "GrantExpired", "ApiKeyCreated", "ApiKeyDeleted");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEventTypeIsPublishedAsACloudEventShapedLikeItsSample() throws Exception {
        Api admin = Api.newUser("ada");
        Api bob = Api.newUser("bob");
        Api carol = Api.newUser("carol");
        String organizationId = admin.createOrganization("Acme");
        String bobId = admin.addMember(bob, "MEMBER");
        String carolId = admin.addMember(carol, "MEMBER");
        admin.request().body(Map.of("role", "ADMIN")).patch("/v1/members/" + bobId).then().statusCode(200);
        String teamId = admin.request().body(Map.of("name", "ml")).post("/v1/teams")
                .then().statusCode(201).extract().path("id");
        admin.request().body(Map.of("user_id", carolId, "role", "MEMBER")).post("/v1/teams/" + teamId + "/members")
                .then().statusCode(201);
        admin.request().delete("/v1/teams/" + teamId + "/members/" + carolId).then().statusCode(200);
        admin.request().body(Map.of("name", "staging")).post("/v1/environment_groups").then().statusCode(201);
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", true, "user_ids", List.of(carolId))))
                .patch("/v1/environment_groups/production").then().statusCode(200);
        admin.request().body(Map.of("expires_at", Instant.now().plusSeconds(2).toString()))
                .put("/v1/environment_groups/production/grants/" + bobId).then().statusCode(200);
        admin.request().delete("/v1/environment_groups/production/grants/" + carolId).then().statusCode(200);
        awaitGrantExpiry(admin);
        admin.request().body(Map.of("manage_access", Map.of("is_restricted", false)))
                .patch("/v1/environment_groups/production").then().statusCode(200);
        String prefix = admin.request().body(Map.of("name", "ci", "type", "PERSONAL")).post("/v1/api_keys")
                .then().statusCode(200).extract().path("prefix");
        admin.request().delete("/v1/api_keys/" + prefix).then().statusCode(200);
        admin.request().delete("/v1/members/" + carolId).then().statusCode(200);

        List<ConsumerRecord<String, String>> records = consume(organizationId, ALL_TYPES.size() + 2);

        Set<String> types = new TreeSet<>();
        long expectedRevision = 1;
        for (ConsumerRecord<String, String> record : records) {
            assertEquals(organizationId, record.key(), "the record key is the organisation id");
            assertEquals("application/cloudevents+json",
                    new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));
            JsonNode event = json.readTree(record.value());
            String type = event.get("type").asText().replaceAll("^io\\.envguard\\.environment\\.(\\w+)\\.v1$", "$1");
            JsonNode sample = sample(type);
            assertEquals(fieldNames(sample), fieldNames(event), "envelope of " + type);
            assertEquals(fieldNames(sample.get("data")), fieldNames(event.get("data")), "data of " + type);
            assertEquals("1.0", event.get("specversion").asText());
            assertEquals("/envguard/environment-service", event.get("source").asText());
            assertEquals("organizations/" + organizationId, event.get("subject").asText());
            assertEquals("application/json", event.get("datacontenttype").asText());
            assertEquals(organizationId, event.get("organizationid").asText());
            assertEquals(expectedRevision++, event.get("revision").asLong(), "revisions have no gaps");
            UUID.fromString(event.get("id").asText());
            OffsetDateTime.parse(event.get("time").asText());
            String actor = event.get("actorid").asText();
            assertEquals(type.equals("GrantExpired") ? "system" : admin.userId(), actor, "actor of " + type);
            types.add(type);
        }
        assertEquals(new TreeSet<>(ALL_TYPES), types);
    }

    private static void awaitGrantExpiry(Api admin) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            List<String> types = admin.request().get("/v1/environment_groups/production/history")
                    .then().statusCode(200).extract().path("items.type");
            if (types.contains("GrantExpired")) {
                return;
            }
            Thread.sleep(200);
        }
        admin.request().get("/v1/environment_groups/production/history").then().body("items.type", hasItem("GrantExpired"));
    }

    private List<ConsumerRecord<String, String>> consume(String organizationId, int expected) {
        List<ConsumerRecord<String, String>> records =
                EnvguardTestResources.recordsOf(TOPIC, organizationId, expected, Duration.ofSeconds(30));
        assertEquals(expected, records.size(), "records published for the organisation");
        return records;
    }

    private JsonNode sample(String type) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/event-samples/" + type + ".json")) {
            assertTrue(in != null, "a sample exists for " + type);
            return json.readTree(in);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
