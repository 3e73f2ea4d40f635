package io.envguard.authz.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One CloudEvent of envguard.environment.events, as described in docs/events.md.
 *
 * @param type  the short type, e.g. {@code AccessGranted.v1}
 * @param json  the whole document, kept so that an event held back by a gap can be stored as received
 */
public record EnvironmentEvent(String id, String type, String organizationId, long revision, String actorId,
                               Instant time, JsonNode data, String json) {

    private static final String TYPE_PREFIX = "io.envguard.environment.";

    public static EnvironmentEvent parse(ObjectMapper mapper, String json) throws MalformedEventException {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String type = text(root, "type");
        String organizationId = text(root, "organizationid");
        JsonNode revision = root.get("revision");
        if (type == null || organizationId == null || revision == null || !revision.canConvertToLong()
                || revision.asLong() < 1) {
            throw new MalformedEventException("type, organizationid and a positive revision are required");
        }
        String shortType = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        JsonNode data = root.path("data");
        return new EnvironmentEvent(text(root, "id"), shortType, organizationId, revision.asLong(),
                text(root, "actorid"), time(text(root, "time")), data, json);
    }

    private static Instant time(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    public String field(String name) {
        return text(data, name);
    }

    public static final class MalformedEventException extends Exception {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
