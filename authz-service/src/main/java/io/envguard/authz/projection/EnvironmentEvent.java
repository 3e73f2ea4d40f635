package io.envguard.authz.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.contract.event.EventJson;
import io.envguard.contract.event.OrganizationEvent;
import io.envguard.contract.event.OrganizationEvent.AccessGranted;
import io.envguard.contract.event.OrganizationEvent.AccessRevoked;
import io.envguard.contract.event.OrganizationEvent.ApiKeyCreated;
import io.envguard.contract.event.OrganizationEvent.ApiKeyDeleted;
import io.envguard.contract.event.OrganizationEvent.EnvironmentGroupCreated;
import io.envguard.contract.event.OrganizationEvent.EnvironmentGroupRestricted;
import io.envguard.contract.event.OrganizationEvent.EnvironmentGroupUnrestricted;
import io.envguard.contract.event.OrganizationEvent.GrantExpired;
import io.envguard.contract.event.OrganizationEvent.MemberAdded;
import io.envguard.contract.event.OrganizationEvent.MemberRemoved;
import io.envguard.contract.event.OrganizationEvent.MemberRoleChanged;
import io.envguard.contract.event.OrganizationEvent.OrganizationCreated;
import io.envguard.contract.event.OrganizationEvent.TeamCreated;
import io.envguard.contract.event.OrganizationEvent.TeamMemberAdded;
import io.envguard.contract.event.OrganizationEvent.TeamMemberRemoved;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CloudEvent of envguard.environment.events, as described in docs/events.md.
 *
 * @param type  the short type, e.g. {@code AccessGranted.v1}
 * @param data  the event's record, as the contract reads it ({@link EventJson}); null for a type it does not know
 * @param json  the whole document, kept so that an event held back by a gap can be stored as received
 */
public record EnvironmentEvent(String id, String type, String organizationId, long revision, String actorId,
                               Instant time, OrganizationEvent data, String json) {

    private static final String TYPE_PREFIX = "io.envguard.environment.";
    private static final Set<String> ROLES = Set.of("ADMIN", "MEMBER");

    /**
     * What each known type needs in {@code data} to be applied, as docs/events.md documents it: a field name must be
     * non-blank text, {@code role} ADMIN or MEMBER, {@code is_restricted} a boolean; {@code *_at} fields are RFC 3339
     * ({@code expires_at} may be null). Without this, a revocation missing its user would delete nothing and move the
     * position on, and a bad timestamp would fail the transaction for ever and stall the partition.
     */
    private static final Map<Class<? extends OrganizationEvent>, List<String>> REQUIRED = Map.ofEntries(
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
     * Reads a record. {@code acceptedSource} is the CloudEvents {@code source} of environment-service; any other is
     * refused.
     */
    public static EnvironmentEvent parse(ObjectMapper mapper, String json, String acceptedSource) throws RefusedEvent {
        JsonNode root;
        try {
            root = json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RefusedEvent(Refusal.MALFORMED, null, -1, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RefusedEvent(Refusal.MALFORMED, null, -1, "not a JSON object");
        }
        String type = text(root, "type");
        String organizationId = text(root, "organizationid");
        JsonNode revisionNode = root.get("revision");
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
        String shortType = type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        Class<? extends OrganizationEvent> eventClass = EventJson.classOf(type).orElse(null);
        OrganizationEvent data = eventClass == null ? null
                : read(eventClass, root.path("data"), shortType, organizationId, revision);
        return new EnvironmentEvent(text(root, "id"), shortType, organizationId, revision,
                text(root, "actorid"), time(text(root, "time")), data, json);
    }

    /** The record of a known type, once its data holds what applying it needs. */
    private static OrganizationEvent read(Class<? extends OrganizationEvent> eventClass, JsonNode data,
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

        public RefusedEvent(Refusal refusal, String organizationId, long revision, String reason) {
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
