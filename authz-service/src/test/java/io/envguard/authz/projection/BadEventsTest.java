package io.envguard.authz.projection;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.envguard.authz.support.Platform.operatorToken;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be applied fails its organisation closed: dead-lettered with its reason, the organisation's
 * checks answer 503 (never what it answered before the record) while other organisations answer as before, until an
 * operator repairs it. An event of another source is dead-lettered and changes nothing.
 */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class BadEventsTest {

    private static final Logger LOG = Logger.getLogger(BadEventsTest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DEAD_LETTERS = AuthzTestResources.TOPIC + ".dead-letter";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Platform platform;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private History org;
    private History bystander;
    private String team;
    private String id;
    private String granted;
    private String other;

    @BeforeEach
    void anOrganisationWithRestrictedProductionAndOneGrantBesideAnother() {
        id = UUID.randomUUID().toString();
        org = new History("org-bad-" + id);
        team = org.defaultTeamId();
        granted = "granted-" + id + "@example.com";
        other = "other-" + id + "@example.com";
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, "admin-" + id + "@example.com"),
                org.memberAdded("u-granted-" + id, granted, "MEMBER"),
                org.memberAdded("u-other-" + id, other, "MEMBER"),
                org.restricted(team, "production"),
                org.granted(team, "production", "u-granted-" + id, null));
        bystander = new History("org-bystander-" + id);
        platform.appendAndAwait(bystander, bystander.organizationCreated("u-by-" + id, "by-" + id + "@example.com"));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANTED"));
    }

    @Test
    void aRecordThatIsNotJsonIsDeadLetteredAndFailsItsOrganisationClosedUntilRepaired() {
        double before = metric("envguard_projection_dead_letters_total{reason=\"malformed\"}");
        platform.publish(org, "{\"type\": not json");

        assertTrue(deadLetterReason(org).contains("malformed: not JSON"));
        awaitUnavailable(org, granted);
        // Nor does it say who the caller is there: the other services scope what they show by that.
        principal(granted).statusCode(503).body("code", equalTo("AUTHZ_UNAVAILABLE"));
        assertOthersUnaffected();
        assertTrue(metric("envguard_projection_dead_letters_total{reason=\"malformed\"}") > before);
        awaitMetricAtLeast("envguard_projection_broken_organizations", 1);

        // An organisation's admin is no operator: the mark keeps their organisation failing closed.
        given().header("Authorization", bearer(jwt("admin-" + id + "@example.com")))
                .post("/internal/v1/organizations/{id}/repair", org.organizationId()).then().statusCode(403);
        // Had environment-service's last event been the unreadable record, its revision would be missing.
        given().header("Authorization", operatorToken()).queryParam("at_least", org.revision() + 1)
                .post("/internal/v1/organizations/{id}/repair", org.organizationId())
                .then().statusCode(409).body("missing_revision", equalTo((int) org.revision() + 1));
        repair(org).statusCode(200).body("was_broken", equalTo(true)).body("revision", equalTo((int) org.revision()));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANTED"));
        platform.promote(other, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
        principal(granted).statusCode(200).body("organization_id", equalTo(org.organizationId()));
    }

    @Test
    void anEventThatCannotBeAppliedFailsItsOrganisationClosedUntilPublishedAgainAndRepaired() {
        double before = metric("envguard_projection_dead_letters_total{reason=\"unappliable\"}");
        long revocation = org.revision() + 1;
        String revoke = org.revoked(team, "production", "u-granted-" + id);
        platform.publish(org, without(revoke, "user_id"));

        assertTrue(deadLetterReason(org).contains("unappliable: AccessRevoked.v1: data.user_id is required"));
        // Not the grant the revocation was to end.
        awaitUnavailable(org, granted);
        assertOthersUnaffected();
        assertTrue(metric("envguard_projection_dead_letters_total{reason=\"unappliable\"}") > before);

        // The topic still lacks a revocation that can be applied: the repair names it and changes nothing.
        repair(org).statusCode(409).body("missing_revision", equalTo((int) revocation));
        platform.promote(granted, org, team, "production").statusCode(503);

        // environment-service publishes it again; applied, but the organisation stays broken until repaired.
        platform.publish(org, revoke);
        platform.awaitRevision(org, revocation);
        platform.promote(granted, org, team, "production").statusCode(503);
        repair(org).statusCode(200).body("was_broken", equalTo(true)).body("revision", equalTo((int) revocation));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
    }

    @Test
    void aGapThatDoesNotCloseInTimeFailsItsOrganisationClosedUntilRepaired() {
        long revocation = org.revision() + 1;
        String revoke = org.revoked(team, "production", "u-granted-" + id);
        String later = org.memberAdded("u-late-" + id, "late-" + id + "@example.com", "MEMBER");
        long started = System.nanoTime();
        platform.publish(org, later);

        awaitUnavailable(org, granted);
        LOG.infof("a gap failed its organisation closed after %d ms", (System.nanoTime() - started) / 1_000_000);
        assertOthersUnaffected();
        awaitMetricAtLeast("envguard_projection_broken_organizations", 1);

        repair(org).statusCode(409).body("missing_revision", equalTo((int) revocation));
        platform.publish(org, revoke);
        platform.awaitRevision(org, revocation + 1);
        platform.promote(granted, org, team, "production").statusCode(503);
        repair(org).statusCode(200).body("revision", equalTo((int) revocation + 1));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
    }

    @Test
    void anEventOfAnotherSourceIsDeadLetteredAndGrantsNothing() {
        double before = metric("envguard_projection_dead_letters_total{reason=\"foreign_source\"}");
        long next = org.revision() + 1;
        String forged = with(org.granted(team, "production", "u-other-" + id, null), "source", "/somewhere/else");
        platform.publish(org, forged);

        assertTrue(deadLetterReason(org).contains("foreign_source: source \"/somewhere/else\""));
        assertTrue(metric("envguard_projection_dead_letters_total{reason=\"foreign_source\"}") > before);
        // Not broken: refusing it lost none of environment-service's events, whose next one applies as usual.
        String joined = with(org.memberAdded("u-next-" + id, "next-" + id + "@example.com", "MEMBER"), "revision", next);
        platform.publish(org, joined);
        platform.awaitRevision(org, next);
        platform.promote(other, org, team, "production").statusCode(200)
                .body("reason", equalTo("NOT_GRANTED")).body("revision", equalTo((int) next));
        repair(org).statusCode(200).body("was_broken", equalTo(false)).body("revision", equalTo((int) next));
        platform.promote(other, org, team, "production").statusCode(200).body("reason", equalTo("NOT_GRANTED"));
        platform.promote(granted, org, team, "production").statusCode(200).body("reason", equalTo("GRANTED"));
    }

    private void assertOthersUnaffected() {
        platform.promote("by-" + id + "@example.com", bystander, bystander.defaultTeamId(), "production")
                .statusCode(200).body("reason", equalTo("ORG_ADMIN"));
    }

    private static ValidatableResponse principal(String email) {
        return given().header("Authorization", bearer(jwt(email))).get("/internal/v1/principal").then();
    }

    private ValidatableResponse repair(History history) {
        return given().header("Authorization", operatorToken())
                .post("/internal/v1/organizations/{id}/repair", history.organizationId()).then();
    }

    private void awaitUnavailable(History history, String email) {
        await(() -> platform.promote(email, history, team, "production").extract().statusCode() == 503,
                "the checks of " + history.organizationId() + " to fail closed");
        platform.promote(email, history, team, "production").statusCode(503)
                .body("code", equalTo("AUTHZ_UNAVAILABLE")).body("message", containsString("repairs"));
    }

    private void awaitMetricAtLeast(String name, double value) {
        await(() -> metric(name) >= value, name + " to reach " + value);
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            sleep(200);
        }
    }

    private static double metric(String series) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
        String labels = series.contains("{") ? series.substring(series.indexOf('{') + 1, series.length() - 1) : "";
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(body);
        while (line.find()) {
            String found = line.group(1) == null ? "" : line.group(1);
            if (found.contains(labels)) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }

    /** The dead-letter-reason of the organisation's dead-lettered record, waiting for it to be written. */
    private String deadLetterReason(History history) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(DEAD_LETTERS, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(DEAD_LETTERS, p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (history.organizationId().equals(record.key())) {
                        Header reason = record.headers().lastHeader("dead-letter-reason");
                        Header topic = record.headers().lastHeader("dead-letter-topic");
                        assertTrue(topic != null && AuthzTestResources.TOPIC.equals(
                                new String(topic.value(), StandardCharsets.UTF_8)));
                        return new String(reason.value(), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        throw new AssertionError("no record of " + history.organizationId() + " on " + DEAD_LETTERS);
    }

    private static String without(String event, String dataField) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(event);
            ((ObjectNode) json.get("data")).remove(dataField);
            return json.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String with(String event, String field, Object value) {
        try {
            ObjectNode json = (ObjectNode) MAPPER.readTree(event);
            json.set(field, MAPPER.valueToTree(value));
            return json.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
