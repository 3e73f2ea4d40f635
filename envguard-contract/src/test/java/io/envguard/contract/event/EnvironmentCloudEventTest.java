package io.envguard.contract.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.contract.event.EnvironmentCloudEvent.Refusal;
import io.envguard.contract.event.EnvironmentCloudEvent.RefusedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The envelope of docs/events.md, written and read by the one class: the published samples ({@code docs/samples}) read
 * and are written back unchanged, and what cannot be applied is refused with the kind docs/events.md names.
 */
class EnvironmentCloudEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = EnvironmentCloudEvent.SOURCE;

    static Stream<Path> samples() throws IOException {
        return EventSamplesTest.samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void eachSampleReadsWithItsEnvelopeAndIsWrittenBackUnchanged(Path sample) throws Exception {
        String json = Files.readString(sample);
        JsonNode document = JSON.readTree(json);

        EnvironmentCloudEvent read = EnvironmentCloudEvent.parse(json, SOURCE);

        assertEquals(document.path("id").asText(), read.id());
        assertEquals(document.path("type").asText(), EnvironmentCloudEvent.TYPE_PREFIX + read.type());
        assertEquals(document.path("organizationid").asText(), read.organizationId());
        assertEquals(document.path("revision").asLong(), read.revision());
        assertEquals(document.path("actorid").asText(), read.actorId());
        assertEquals(Instant.parse(document.path("time").asText()), read.time());
        assertEquals(json, read.json());
        EnvironmentCloudEvent written = EnvironmentCloudEvent.of(read.id(), read.organizationId(), read.revision(),
                read.actorId(), read.time(), read.data());
        assertEquals(document, JSON.readTree(written.json()), "written as published, attribute for attribute");
        assertEquals(written, EnvironmentCloudEvent.parse(written.json(), SOURCE), "what is written reads back");
    }

    @Test
    void aRecordThatIsNotAJsonObjectOrLacksTypeOrganisationOrAPositiveRevisionIsMalformed() throws Exception {
        ObjectNode event = sample();
        assertRefused(Refusal.MALFORMED, "{not json");
        assertRefused(Refusal.MALFORMED, "[1]");
        assertRefused(Refusal.MALFORMED, null);
        for (String attribute : new String[] {"type", "organizationid", "revision"}) {
            assertRefused(Refusal.MALFORMED, event.deepCopy().without(attribute).toString());
        }
        assertRefused(Refusal.MALFORMED, event.deepCopy().put("revision", 0).toString());
        assertRefused(Refusal.MALFORMED, event.deepCopy().put("revision", "11").toString());
        assertRefused(Refusal.MALFORMED, event.deepCopy().put("revision", 1.5).toString());
        assertTrue(Refusal.MALFORMED.breaksOrganization());
    }

    @Test
    void aRecordOfAnotherSourceIsRefusedWithoutBreakingItsOrganisation() throws Exception {
        RefusedEvent refused = assertRefused(Refusal.FOREIGN_SOURCE,
                sample().put("source", "/someone/else").toString());
        assertEquals("5d0c6a8e-3f1b-4b7a-9c2d-1e4f5a6b7c8d", refused.organizationId());
        assertEquals(11, refused.revision());
        assertRefused(Refusal.FOREIGN_SOURCE, sample().without("source").toString());
        assertFalse(Refusal.FOREIGN_SOURCE.breaksOrganization());
    }

    @Test
    void aKnownTypeWithoutWhatApplyingItNeedsIsUnappliable() throws Exception {
        ObjectNode withoutUser = sample();
        ((ObjectNode) withoutUser.get("data")).remove("user_id");
        assertEquals("AccessGranted.v1: data.user_id is required",
                assertRefused(Refusal.UNAPPLIABLE, withoutUser.toString()).getMessage());
        ObjectNode badTime = sample();
        ((ObjectNode) badTime.get("data")).put("expires_at", "tomorrow");
        assertRefused(Refusal.UNAPPLIABLE, badTime.toString());
        assertTrue(Refusal.UNAPPLIABLE.breaksOrganization());

        ObjectNode forEver = sample();
        ((ObjectNode) forEver.get("data")).putNull("expires_at");
        assertNull(((EnvironmentEvent.AccessGranted) EnvironmentCloudEvent.parse(forEver.toString(), SOURCE).data())
                .expiresAt());
    }

    @Test
    void aTypeThisContractDoesNotKnowIsReadWithoutData() throws Exception {
        EnvironmentCloudEvent read = EnvironmentCloudEvent.parse(
                sample().put("type", "io.envguard.environment.AccessGranted.v2").toString(), SOURCE);
        assertEquals("AccessGranted.v2", read.type());
        assertNull(read.data());
    }

    private static ObjectNode sample() throws IOException {
        return (ObjectNode) JSON.readTree(Path.of("..", "docs", "samples", "AccessGranted.json").toFile());
    }

    private static RefusedEvent assertRefused(Refusal refusal, String json) {
        RefusedEvent refused = assertThrows(RefusedEvent.class, () -> EnvironmentCloudEvent.parse(json, SOURCE));
        assertEquals(refusal, refused.refusal(), refused.getMessage());
        return refused;
    }
}
