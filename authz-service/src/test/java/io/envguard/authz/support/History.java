package io.envguard.authz.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the event history of one organisation from the documented samples ({@code docs/samples/}, the same ones environment-service's publisher is tested against), numbering
 * revisions as environment-service does: from 1, without gaps, in the order the events are built. Publishing is
 * separate, so tests can also send events out of order, twice, or not at all.
 */
public class History {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String organizationId;
    private final String defaultTeamId;
    private final List<String> events = new ArrayList<>();
    private long revision;

    public History(String organizationId) {
        this.organizationId = organizationId;
        this.defaultTeamId = organizationId + "-default-team";
    }

    public String organizationId() {
        return organizationId;
    }

    public String defaultTeamId() {
        return defaultTeamId;
    }

    /** The revision of the last event built. */
    public long revision() {
        return revision;
    }

    public List<String> events() {
        return events;
    }

    /** Records the event as part of the history (to replay it later) and returns it. */
    public String add(String event) {
        events.add(event);
        return event;
    }

    public String organizationCreated(String adminId, String adminEmail) {
        return next("OrganizationCreated", Map.of("name", "Org " + organizationId, "default_team_id", defaultTeamId,
                "user_id", adminId, "email", adminEmail));
    }

    public String memberAdded(String userId, String email, String role) {
        return next("MemberAdded", Map.of("user_id", userId, "email", email, "name", "Name of " + userId, "role", role));
    }

    public String memberRoleChanged(String userId, String role, String previousRole) {
        return next("MemberRoleChanged", Map.of("user_id", userId, "role", role, "previous_role", previousRole));
    }

    public String memberRemoved(String userId) {
        return next("MemberRemoved", Map.of("user_id", userId));
    }

    public String teamCreated(String teamId) {
        return next("TeamCreated", Map.of("team_id", teamId, "name", "Team " + teamId));
    }

    public String teamMemberAdded(String teamId, String userId, String role) {
        return next("TeamMemberAdded", Map.of("team_id", teamId, "user_id", userId, "role", role));
    }

    public String teamMemberRemoved(String teamId, String userId) {
        return next("TeamMemberRemoved", Map.of("team_id", teamId, "user_id", userId));
    }

    public String groupCreated(String teamId, String environment, boolean restricted) {
        return next("EnvironmentGroupCreated", Map.of("team_id", teamId, "environment", environment,
                "is_restricted", Boolean.toString(restricted)));
    }

    public String restricted(String teamId, String environment) {
        return next("EnvironmentGroupRestricted", Map.of("team_id", teamId, "environment", environment));
    }

    public String unrestricted(String teamId, String environment) {
        return next("EnvironmentGroupUnrestricted", Map.of("team_id", teamId, "environment", environment));
    }

    public String granted(String teamId, String environment, String userId, Instant expiresAt) {
        return next("AccessGranted", Map.of("team_id", teamId, "environment", environment, "user_id", userId,
                "expires_at", expiresAt == null ? "null" : expiresAt.toString()));
    }

    public String revoked(String teamId, String environment, String userId) {
        return next("AccessRevoked", Map.of("team_id", teamId, "environment", environment, "user_id", userId));
    }

    public String grantExpired(String teamId, String environment, String userId, Instant at) {
        return next("GrantExpired", Map.of("team_id", teamId, "environment", environment, "user_id", userId,
                "expired_at", at.toString()));
    }

    public String apiKeyCreated(String prefix, String userId, String secretSha256) {
        return next("ApiKeyCreated", Map.of("prefix", prefix, "user_id", userId, "name", "key " + prefix,
                "secret_sha256", secretSha256));
    }

    public String apiKeyDeleted(String prefix, String userId) {
        return next("ApiKeyDeleted", Map.of("prefix", prefix, "user_id", userId));
    }

    public String somethingNew() {
        return next("SomethingNew", Map.of());
    }

    /**
     * The documented sample of {@code type} ({@code docs/samples/}), filled in for the next revision of this organisation.
     * A value for a field the sample does not have is a drift between these tests and the documentation, and fails.
     */
    public String next(String type, Map<String, String> values) {
        ObjectNode event = sample(type);
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", "organizations/" + organizationId);
        event.put("time", Instant.now().toString());
        event.put("organizationid", organizationId);
        event.put("revision", ++revision);
        event.put("actorid", "system");
        ObjectNode data = (ObjectNode) event.get("data");
        for (var value : values.entrySet()) {
            ObjectNode holder = data.has(value.getKey()) ? data : (ObjectNode) data.get("admin");
            if (holder == null || !holder.has(value.getKey())) {
                throw new IllegalArgumentException("the documented " + type + " has no field " + value.getKey());
            }
            holder.set(value.getKey(), node(value.getKey(), value.getValue()));
        }
        return event.toString();
    }

    private static JsonNode node(String field, String value) {
        if (value.equals("null")) {
            return NullNode.instance;
        }
        return field.startsWith("is_") ? BooleanNode.valueOf(Boolean.parseBoolean(value)) : TextNode.valueOf(value);
    }

    /** Unknown types have no sample: a consumer must skip them, whatever they carry. */
    private static ObjectNode sample(String type) {
        try (InputStream in = History.class.getResourceAsStream("/event-samples/" + type + ".json")) {
            if (in == null) {
                ObjectNode unknown = sample("MemberRemoved");
                unknown.put("type", "io.envguard.environment." + type + ".v1");
                unknown.putObject("data");
                return unknown;
            }
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
