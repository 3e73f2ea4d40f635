package io.envguard.contract.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.envguard.contract.event.EnvironmentEvent.AccessGranted;
import io.envguard.contract.event.EnvironmentEvent.AccessRevoked;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyCreated;
import io.envguard.contract.event.EnvironmentEvent.ApiKeyDeleted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.EnvironmentEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.EnvironmentEvent.GrantExpired;
import io.envguard.contract.event.EnvironmentEvent.MemberAdded;
import io.envguard.contract.event.EnvironmentEvent.MemberRemoved;
import io.envguard.contract.event.EnvironmentEvent.MemberRoleChanged;
import io.envguard.contract.event.EnvironmentEvent.OrganizationCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamCreated;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberAdded;
import io.envguard.contract.event.EnvironmentEvent.TeamMemberRemoved;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record of the topic {@code envguard.environment.events}: an {@link EnvironmentEvent} in its CloudEvents 1.0
 * envelope, as {@code docs/events.md} describes it. environment-service writes it ({@link #of}) and authz-service
 * reads it ({@link #parse}), so the envelope is defined here once; the {@code type} and {@code data} of each event are
 * {@link EventJson}'s.
 *
 * @param type  the short type, e.g. {@code AccessGranted.v1}
 * @param data  the event's record, as the contract reads it ({@link EventJson}); null for a type it does not know
 * @param json  the whole document, kept so that an event held back by a gap can be stored as received
 */
public record EnvironmentCloudEvent(String id, String type, String organizationId, long revision, String actorId,
                                    Instant time, EnvironmentEvent data, String json) {

    /** The {@code source} of environment-service, the one publisher of the topic. */
    public static final String SOURCE = "/envguard/environment-service";
    /** The Kafka {@code content-type} header of a record in structured mode. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    /** What every {@code type} starts with; the event's name and major version follow. */
    public static final String TYPE_PREFIX = "io.envguard.environment.";

    private static final String SPEC_VERSION = "1.0";
    private static final String DATA_CONTENT_TYPE = "application/json";
    private static final String SUBJECT_PREFIX = "organizations/";
    /** The extension attributes. */
    private static final String ORGANIZATION_ID = "organizationid";
    private static final String REVISION = "revision";
    private static final String ACTOR_ID = "actorid";

    /** The envelope only: its attributes are read as the tree gives them, {@code data} by {@link EventJson}. */
    private static final ObjectMapper ENVELOPE = new ObjectMapper();
    private static final Set<String> ROLES = Set.of("ADMIN", "MEMBER");

    /**
     * What each known type needs in {@code data} to be applied, as docs/events.md documents it: a field name must be
     * non-blank text, {@code role} ADMIN or MEMBER, {@code is_restricted} a boolean; {@code *_at} fields are RFC 3339
     * ({@code expires_at} may be null). Without this, a revocation missing its user would delete nothing and move the
     * position on, and a bad timestamp would fail the transaction for ever and stall the partition.
     */
    private static final Map<Class<? extends EnvironmentEvent>, List<String>> REQUIRED = Map.ofEntries(
            Map.entry(OrganizationCreated.class, List.of("default_team_id", "admin.user_id", "admin.email")),
            Map.entry(MemberAdded.class, List.of("user_id", "email", "role")),
            Map.entry(MemberRoleChanged.class, List.of("user_id", "role")),
            Map.entry(MemberRemoved.class, List.of("user_id")),
            Map.entry(TeamCreated.class, List.of("team_id")),
            Map.entry(TeamMemberAdded.class, List.of("team_id", "user_id", "role")),
            Map.entry(TeamMemberRemoved.class, List.of("team_id", "user_id")),
            Map.entry(EnvironmentGroupCreated.class, List.of("team_id", "environment", "is_restricted")),
            Map.entry(EnvironmentGroupRestricted.class, List.of("team_id", "environment")),
            Map.entry(EnvironmentGroupUnrestricted.class, List.of("team_id", "environment")),
            Map.entry(AccessGranted.class, List.of("team_id", "environment", "user_id", "expires_at")),
            Map.entry(AccessRevoked.class, List.of("team_id", "environment", "user_id")),
            Map.entry(GrantExpired.class, List.of("team_id", "environment", "user_id", "expired_at")),
            Map.entry(ApiKeyCreated.class, List.of("prefix", "user_id", "secret_sha256")),
            Map.entry(ApiKeyDeleted.class, List.of("prefix")));

    /** Why a record is refused; each goes to the dead-letter topic (docs/events.md, "Refused records"). */
    public enum Refusal {
        /** Not a CloudEvent of this topic: not JSON, or without type, organisation or a positive revision. */
        MALFORMED(true),
        /** A known type whose data lacks what applying it needs. */
        UNAPPLIABLE(true),
        /**
         * Not published by environment-service. Refusing it loses none of environment-service's events, so no
         * organisation is marked broken: otherwise any other producer could take an organisation's checks down.
         */
        FOREIGN_SOURCE(false);

        private final boolean breaksOrganization;

        Refusal(boolean breaksOrganization) {
            this.breaksOrganization = breaksOrganization;
        }

        /** Whether the refused record may be one of the organisation's events, so that refusing it leaves a gap. */
        public boolean breaksOrganization() {
            return breaksOrganization;
        }
    }

    /**
     * The record of {@code event}, the organisation's {@code revision}th, stored at {@code time} with Axon's message
     * id {@code id}, on behalf of {@code actorId}; {@link #json()} is what is published.
     */
    public static EnvironmentCloudEvent of(String id, String organizationId, long revision, String actorId,
                                           Instant time, EnvironmentEvent event) {
        String type = EventJson.typeOf(event.getClass());
        ObjectNode envelope = ENVELOPE.createObjectNode();
        envelope.put("specversion", SPEC_VERSION);
        envelope.put("id", id);
        envelope.put("source", SOURCE);
        envelope.put("type", type);
        envelope.put("subject", SUBJECT_PREFIX + organizationId);
        envelope.put("time", time.toString());
        envelope.put("datacontenttype", DATA_CONTENT_TYPE);
        envelope.put(ORGANIZATION_ID, organizationId);
        envelope.put(REVISION, revision);
        envelope.put(ACTOR_ID, actorId);
        envelope.set("data", EventJson.toData(event));
        String json;
        try {
            json = ENVELOPE.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + id, e);
        }
        return new EnvironmentCloudEvent(id, shortType(type), organizationId, revision, actorId, time, event, json);
    }

    /**
     * Reads a record. {@code acceptedSource} is the CloudEvents {@code source} of environment-service; any other is
     * refused.
     */
    public static EnvironmentCloudEvent parse(String json, String acceptedSource) throws RefusedEvent {
        JsonNode root;
        try {
            root = json == null ? null : ENVELOPE.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RefusedEvent(Refusal.MALFORMED, null, -1, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RefusedEvent(Refusal.MALFORMED, null, -1, "not a JSON object");
        }
        String type = text(root, "type");
        String organizationId = text(root, ORGANIZATION_ID);
        JsonNode revisionNode = root.get(REVISION);
        long revision = revisionNode != null && revisionNode.isIntegralNumber() && revisionNode.canConvertToLong()
                && revisionNode.asLong() >= 1 ? revisionNode.asLong() : -1;
        if (type == null || organizationId == null || revision < 1) {
            throw new RefusedEvent(Refusal.MALFORMED, organizationId, revision,
                    "type, organizationid and a positive revision are required");
        }
        String source = text(root, "source");
        if (!acceptedSource.equals(source)) {
            throw new RefusedEvent(Refusal.FOREIGN_SOURCE, organizationId, revision,
                    "source " + (source == null ? "missing" : "\"" + source + "\"") + ", not \"" + acceptedSource + "\"");
        }
        String shortType = shortType(type);
        Class<? extends EnvironmentEvent> eventClass = EventJson.classOf(type).orElse(null);
        EnvironmentEvent data = eventClass == null ? null
                : read(eventClass, root.path("data"), shortType, organizationId, revision);
        return new EnvironmentCloudEvent(text(root, "id"), shortType, organizationId, revision,
                text(root, ACTOR_ID), time(text(root, "time")), data, json);
    }

    private static String shortType(String type) {
        return type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    /** The record of a known type, once its data holds what applying it needs. */
    private static EnvironmentEvent read(Class<? extends EnvironmentEvent> eventClass, JsonNode data,
                                         String shortType, String organizationId, long revision)
            throws RefusedEvent {
        for (String field : REQUIRED.get(eventClass)) {
            String problem = problem(field, data.at("/" + field.replace('.', '/')));
            if (problem != null) {
                throw new RefusedEvent(Refusal.UNAPPLIABLE, organizationId, revision,
                        shortType + ": data." + field + " " + problem);
            }
        }
        try {
            return EventJson.fromData(eventClass, data);
        } catch (JsonProcessingException e) {
            throw new RefusedEvent(Refusal.UNAPPLIABLE, organizationId, revision,
                    shortType + ": data " + e.getOriginalMessage());
        }
    }

    /** What is wrong with a required field's value, or null. */
    private static String problem(String field, JsonNode value) {
        if (field.equals("is_restricted")) {
            return value.isBoolean() ? null : "must be true or false";
        }
        if (field.equals("expires_at") && (value.isNull() || value.isMissingNode())) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            return "is required";
        }
        if (field.equals("role") && !ROLES.contains(value.asText())) {
            return "must be ADMIN or MEMBER";
        }
        if (field.endsWith("_at")) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                return "is not an RFC 3339 time";
            }
        }
        return null;
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

    /**
     * A record that is not applied.
     *
     * @param organizationId the organisation it names, when it can be read
     * @param revision       the revision it claims, or -1 when it cannot be read
     */
    public static final class RefusedEvent extends Exception {
        private final Refusal refusal;
        private final String organizationId;
        private final long revision;

        private RefusedEvent(Refusal refusal, String organizationId, long revision, String reason) {
            super(reason);
            this.refusal = refusal;
            this.organizationId = organizationId;
            this.revision = revision;
        }

        public Refusal refusal() {
            return refusal;
        }

        public String organizationId() {
            return organizationId;
        }

        public long revision() {
            return revision;
        }
    }
}
