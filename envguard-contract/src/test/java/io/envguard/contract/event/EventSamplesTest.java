package io.envguard.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published samples ({@code docs/samples}, what outside consumers read) are the events' JSON mapping: each reads
 * as its record and the record writes its {@code data} back unchanged, field for field.
 */
class EventSamplesTest {

    private static final Path SAMPLES = Path.of("..", "docs", "samples");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSampleReadsAsItsRecordAndWritesItsDataBackUnchanged(Path sample) throws IOException {
        JsonNode event = JSON.readTree(sample.toFile());
        String type = event.path("type").asText();
        Class<? extends EnvironmentEvent> eventClass = EventJson.classOf(type).orElseThrow(
                () -> new AssertionError(sample + ": type " + type + " has no record"));
        assertEquals(sample.getFileName().toString(), eventClass.getSimpleName() + ".json");

        EnvironmentEvent read = EventJson.fromData(eventClass, event.path("data"));

        assertEquals(event.path("data"), EventJson.toData(read));
        assertEquals(type, EventJson.typeOf(read.getClass()));
        assertSame(read, new Echo().handle(read), "a handler is called with the event, by its type");
    }

    @Test
    void everyTypeOfTheCatalogHasASample() throws IOException {
        List<String> sampled = samples().map(sample -> {
            try {
                return JSON.readTree(sample.toFile()).path("type").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toList();
        assertEquals(EventJson.types().stream().sorted().toList(), sampled);
    }

    @Test
    void aTimeWithAnOffsetAndAFieldOfALaterMinorVersionAreRead() throws IOException {
        ObjectNode data = (ObjectNode) JSON.readTree(
                "{\"team_id\":\"t\",\"environment\":\"production\",\"user_id\":\"u\","
                        + "\"expires_at\":\"2026-12-01T20:00:00+02:00\",\"reason\":\"on call\"}");

        EnvironmentEvent read = EventJson.fromData(EnvironmentEvent.AccessGranted.class, data);

        assertEquals(new EnvironmentEvent.AccessGranted("t", "production", "u",
                Instant.parse("2026-12-01T18:00:00Z")), read);
    }

    @Test
    void aTypeOfAnotherMajorVersionIsNotKnown() {
        assertTrue(EventJson.classOf("io.envguard.environment.AccessGranted.v2").isEmpty());
        assertInstanceOf(Class.class, EventJson.classOf("io.envguard.environment.AccessGranted.v1").orElseThrow());
    }

    /** Answers every event with itself. */
    private static final class Echo implements EnvironmentEvent.Handler<EnvironmentEvent> {
        @Override
        public EnvironmentEvent on(EnvironmentEvent.OrganizationCreated event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.MemberAdded event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.MemberRoleChanged event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.MemberRemoved event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.TeamCreated event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.TeamMemberAdded event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.TeamMemberRemoved event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.EnvironmentGroupCreated event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.EnvironmentGroupRestricted event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.EnvironmentGroupUnrestricted event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.AccessGranted event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.AccessRevoked event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.GrantExpired event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.ApiKeyCreated event) {
            return event;
        }

        @Override
        public EnvironmentEvent on(EnvironmentEvent.ApiKeyDeleted event) {
            return event;
        }
    }
}
