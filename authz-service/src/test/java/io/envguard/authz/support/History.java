package io.envguard.authz.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the event history of one organisation from the hand-written samples in {@code event-samples/}, numbering
 * revisions as environment-service does: from 1, without gaps, in the order the events are built. Publishing is
 * separate, so tests can also send events out of order, twice, or not at all.
 */
public class History {

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
                "expires_at", expiresAt == null ? "null" : "\"" + expiresAt + "\""));
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

    /** The sample of {@code type}, filled in for the next revision of this organisation. */
    public String next(String type, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("organization_id", organizationId);
        all.put("revision", Long.toString(++revision));
        all.put("event_id", UUID.randomUUID().toString());
        all.put("time", Instant.now().toString());
        all.put("actor_id", "system");
        String json = sample(type);
        for (var value : all.entrySet()) {
            json = json.replace("${" + value.getKey() + "}", value.getValue());
        }
        if (json.contains("${")) {
            throw new IllegalArgumentException("sample " + type + " has a placeholder left: " + json);
        }
        return json;
    }

    private static String sample(String type) {
        try (InputStream in = History.class.getResourceAsStream("/event-samples/" + type + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample for " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
