package io.envguard.cli.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public {@code /v1} API as the CLI uses it. Every path, list wrapper and field name of the wire lives here and
 * nowhere else: the records below are the shapes the commands see (and what {@code -o json} prints).
 * <p>
 * Lists are read from {@code items} or from the named wrapper of Baseten's spec ({@code environments},
 * {@code models}, ...), whichever the platform sends, and followed page by page.
 */
public final class EnvguardApi {

    /** A page as big as the platform allows, so that most lists take one request. */
    private static final int PAGE = 100;
    /** A guard against a cursor that never ends. */
    private static final int MAX_PAGES = 100;

    private final Transport transport;
    private final ObjectMapper json;

    public EnvguardApi(Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    // ------------------------------------------------------------------ shapes

    public record Me(String userId, String email, String name, String workspaceName, String organizationId,
                     String role, String apiKeyPrefix) {
    }

    public record Organization(String id, String name, String defaultTeamId) {
    }

    /** Baseten's {@code TeamV1}. */
    public record Team(String id, String name, @JsonProperty("default") boolean isDefault, String createdAt) {
    }

    public record Member(String userId, String email, String name, String role) {
    }

    public record Group(String name, String teamId, String teamName, ManageAccess manageAccess, long revision) {
    }

    public record ManageAccess(@JsonProperty("is_restricted") boolean restricted, List<GroupUser> users) {
        public ManageAccess {
            users = users == null ? List.of() : users;
        }
    }

    /** Someone who may modify a restricted environment, and why: {@code GRANT}, {@code ORG_ADMIN}, {@code TEAM_ADMIN}. */
    public record GroupUser(String userId, String email, String name, String via, String expiresAt) {
    }

    public record Actor(String userId, String email, String name) {
    }

    /** One change of an environment group; {@code details} holds the event's own fields. */
    public record Change(long revision, String type, String at, Actor actor, Map<String, Object> details) {
    }

    public record AccessAt(String name, String teamId, String at, long revision, ManageAccess manageAccess) {
    }

    public record Check(boolean allowed, String reason, long revision) {
    }

    /** A model or a chain ({@code ModelV1} / {@code ChainV1}). */
    public record Workload(String id, String name, String teamId, String createdAt, Integer deploymentsCount,
                           String productionDeploymentId, String developmentDeploymentId) {
    }

    /** A model created with its first deployment, or a deployment pushed to one ({@code CreatedModelDeploymentV1}). */
    public record Created(Workload model, Deployment deployment) {
    }

    public record Autoscaling(Integer minReplica, Integer maxReplica, Integer autoscalingWindow, Integer scaleDownDelay,
                              Integer concurrencyTarget, Integer targetUtilizationPercentage) {
    }

    public record Deployment(String id, String name, String modelId, String chainId, String status, String environment,
                             String instanceTypeName, Autoscaling autoscalingSettings, String createdAt, Long revision) {
    }

    public record Environment(String name, Deployment currentDeployment, Deployment candidateDeployment,
                              JsonNode inProgressPromotion) {
    }

    /** Baseten's {@code AuditLogActorV1} ({@code type}, {@code email}, {@code api_key_prefix}) with Envguard's extras. */
    public record AuditActor(String type, String userId, String email, String credential, String apiKeyPrefix) {
    }

    /** Baseten's {@code AuditLogEntryV1} ({@code id}, {@code created}, {@code event_type}) with Envguard's record of the change. */
    public record AuditEntry(String id, String created, String eventType, AuditActor actor, String action, String outcome,
                             String reason, Long revision, String environment, String modelId, String chainId,
                             String deploymentId) {
    }

    /**
     * Baseten's {@code APIKeyV1} (just created: {@code apiKey} is the secret) and {@code APIKeyInfoV1} (listed: no
     * secret); {@code teamName} is set for a team key, which acts as its maker all the same.
     */
    public record ApiKey(String apiKey, String prefix, String name, String type, String teamName, String createdAt) {
    }

    /** Models or chains: the two share their paths below {@code /v1/models} and {@code /v1/chains}. */
    public enum Kind {
        MODEL("models", "model_id"), CHAIN("chains", "chain_id");

        private final String collection;
        private final String idField;

        Kind(String collection, String idField) {
            this.collection = collection;
            this.idField = idField;
        }

        public String label() {
            return name().toLowerCase();
        }
    }

    // ------------------------------------------------------------------ who is calling

    public Me me() {
        return as(get("/v1/users/me"), Me.class);
    }

    public Organization organization() {
        return as(get("/v1/organization"), Organization.class);
    }

    public List<Team> teams() {
        return list("/v1/teams", "teams", Team.class);
    }

    // ------------------------------------------------------------------ members

    public List<Member> searchMembers(String text) {
        return list("/v1/members?query=" + query(text), "members", Member.class);
    }

    public Member member(String userId) {
        return as(get("/v1/members/" + segment(userId)), Member.class);
    }

    // ------------------------------------------------------------------ environment groups

    public List<Group> groups(String teamId) {
        return list(groups(teamId, null), "items", Group.class);
    }

    public Group group(String teamId, String environment) {
        return as(get(groups(teamId, environment)), Group.class);
    }

    public Group createGroup(String teamId, String environment, boolean restricted, List<String> userIds) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", environment);
        if (restricted || !userIds.isEmpty()) {
            body.put("manage_access", Map.of("is_restricted", restricted, "user_ids", userIds));
        }
        return as(send("POST", groups(teamId, null), body), Group.class);
    }

    /**
     * Restricts or unrestricts, keeping the grants a restricted group has. With {@code expectedRevision} the change
     * is made only if nothing changed since that revision (412 otherwise).
     */
    public Group setRestricted(String teamId, String environment, boolean restricted, Long expectedRevision) {
        Map<String, String> headers = expectedRevision == null ? Map.of() : Map.of("If-Match", "\"" + expectedRevision + "\"");
        return as(transport.send("PATCH", groups(teamId, environment),
                Map.of("manage_access", Map.of("is_restricted", restricted)), headers), Group.class);
    }

    public Group grant(String teamId, String environment, String userId, Instant expiresAt) {
        Map<String, Object> body = expiresAt == null ? Map.of() : Map.of("expires_at", expiresAt.toString());
        return as(send("PUT", groups(teamId, environment) + "/grants/" + segment(userId), body), Group.class);
    }

    public Group revoke(String teamId, String environment, String userId) {
        return as(send("DELETE", groups(teamId, environment) + "/grants/" + segment(userId), null), Group.class);
    }

    public List<Change> history(String teamId, String environment) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode item : items(get(groups(teamId, environment) + "/history"), "history")) {
            Map<String, Object> details = new LinkedHashMap<>();
            item.fields().forEachRemaining(field -> {
                if (!List.of("revision", "type", "at", "actor").contains(field.getKey())) {
                    details.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
                }
            });
            changes.add(new Change(item.path("revision").asLong(), item.path("type").asText(),
                    item.path("at").asText(), as(item.get("actor"), Actor.class), details));
        }
        return changes;
    }

    public AccessAt accessAt(String teamId, String environment, Instant at) {
        String path = groups(teamId, environment) + "/access" + (at == null ? "" : "?at=" + query(at.toString()));
        return as(get(path), AccessAt.class);
    }

    private static String groups(String teamId, String environment) {
        String base = teamId == null ? "/v1/environment_groups" : "/v1/teams/" + segment(teamId) + "/environment_groups";
        return environment == null ? base : base + "/" + segment(environment);
    }

    // ------------------------------------------------------------------ the dry run

    /** May the caller (or, for admins, {@code userId}) do {@code action} in the environment of this model, chain or team? */
    public Check check(String action, Kind kind, String workloadId, String teamId, String environment, String userId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (workloadId != null) {
            body.put(kind.idField, workloadId);
        } else {
            body.put("team_id", teamId);
        }
        body.put("environment", environment);
        if (userId != null) {
            body.put("user_id", userId);
        }
        return as(send("POST", "/v1/permissions/check", body), Check.class);
    }

    // ------------------------------------------------------------------ models, chains, deployments

    public List<Workload> workloads(Kind kind) {
        return list("/v1/" + kind.collection, kind.collection, Workload.class);
    }

    /** Creates the model in the team with its first deployment, named when {@code deploymentName} is not null. */
    public Created createModel(String name, String teamId, String deploymentName) {
        Map<String, Object> deployment = new LinkedHashMap<>();
        deployment.put("config", Map.of("model_name", name));
        if (deploymentName != null) {
            deployment.put("deployment_name", deploymentName);
        }
        Map<String, Object> source = Map.of("kind", "model_archive", "name", name, "deployment", deployment);
        return as(send("POST", "/v1/teams/" + segment(teamId) + "/models", Map.of("source", source)), Created.class);
    }

    public Deployment push(String modelId, String deploymentName) {
        Map<String, Object> body = deploymentName == null ? Map.of() : Map.of("name", deploymentName);
        return as(send("POST", "/v1/models/" + segment(modelId) + "/deployments", body), Created.class).deployment();
    }

    public List<Deployment> deployments(Kind kind, String workloadId) {
        return list(workloadPath(kind, workloadId) + "/deployments", "deployments", Deployment.class);
    }

    public Environment environment(Kind kind, String workloadId, String environment) {
        return as(get(workloadPath(kind, workloadId) + "/environments/" + segment(environment)), Environment.class);
    }

    public Deployment promote(Kind kind, String workloadId, String environment, String deploymentId) {
        return as(send("POST", workloadPath(kind, workloadId) + "/environments/" + segment(environment) + "/promote",
                Map.of("deployment_id", deploymentId)), Deployment.class);
    }

    public Deployment setAutoscaling(String modelId, String deploymentId, Autoscaling settings) {
        return as(send("PATCH", workloadPath(Kind.MODEL, modelId) + "/deployments/" + segment(deploymentId)
                + "/autoscaling_settings", settings).path("deployment"), Deployment.class);
    }

    public Deployment setChainletAutoscaling(String chainId, String environment, String chainlet, Autoscaling settings) {
        Map<String, Object> update = Map.of("chainlet_name", chainlet, "autoscaling_settings", settings);
        return as(send("PATCH", workloadPath(Kind.CHAIN, chainId) + "/environments/" + segment(environment)
                + "/chainlet_settings/autoscaling_settings", Map.of("updates", List.of(update))).path("deployment"),
                Deployment.class);
    }

    private static String workloadPath(Kind kind, String workloadId) {
        return "/v1/" + kind.collection + "/" + segment(workloadId);
    }

    // ------------------------------------------------------------------ audit, API keys

    /** Newest first, at most {@code limit} entries. */
    public List<AuditEntry> auditLogs(String environment, String userId, Instant since, Instant until, int limit) {
        StringBuilder path = new StringBuilder("/v1/audit_logs?limit=").append(Math.min(limit, PAGE));
        appendQuery(path, "environment", environment);
        appendQuery(path, "user_id", userId);
        appendQuery(path, "since", since == null ? null : since.toString());
        appendQuery(path, "until", until == null ? null : until.toString());
        List<AuditEntry> entries = list(path.toString(), "audit_logs", AuditEntry.class, limit);
        return entries.size() > limit ? entries.subList(0, limit) : entries;
    }

    /** A key of the caller; with {@code teamId} a team key (labelled with that team, acting as the caller). */
    public ApiKey createApiKey(String name, String teamId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "PERSONAL");
        String path = teamId == null ? "/v1/api_keys" : "/v1/teams/" + segment(teamId) + "/api_keys";
        return as(send("POST", path, body), ApiKey.class);
    }

    public List<ApiKey> apiKeys() {
        return list("/v1/api_keys", "keys", ApiKey.class);
    }

    public void deleteApiKey(String prefix) {
        send("DELETE", "/v1/api_keys/" + segment(prefix), null);
    }

    // ------------------------------------------------------------------ the wire

    private JsonNode get(String path) {
        return transport.send("GET", path, null, Map.of());
    }

    private JsonNode send(String method, String path, Object body) {
        return transport.send(method, path, body, Map.of());
    }

    private <T> List<T> list(String path, String wrapper, Class<T> type) {
        return list(path, wrapper, type, Integer.MAX_VALUE);
    }

    /** Every item of a list, following {@code pagination.cursor} until {@code has_more} is false or enough are read. */
    private <T> List<T> list(String path, String wrapper, Class<T> type, int enough) {
        List<T> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String paged = path;
            if (cursor != null) {
                paged += (path.contains("?") ? "&" : "?") + "cursor=" + query(cursor);
            } else if (!path.contains("limit=") && pagedCollection(wrapper)) {
                paged += (path.contains("?") ? "&" : "?") + "limit=" + PAGE;
            }
            JsonNode answer = get(paged);
            for (JsonNode item : items(answer, wrapper)) {
                all.add(as(item, type));
            }
            JsonNode pagination = answer.path("pagination");
            cursor = pagination.path("has_more").asBoolean(false) ? pagination.path("cursor").asText(null) : null;
            if (cursor == null || all.size() >= enough) {
                break;
            }
        }
        return all;
    }

    /** Members, teams, API keys and history come whole; the other lists take {@code limit}. */
    private static boolean pagedCollection(String wrapper) {
        return !List.of("members", "teams", "keys", "history").contains(wrapper);
    }

    static Iterable<JsonNode> items(JsonNode answer, String wrapper) {
        if (answer.isArray()) {
            return answer;
        }
        JsonNode items = answer.has("items") ? answer.get("items") : answer.path(wrapper);
        return items.isArray() ? items : List.of();
    }

    private <T> T as(JsonNode node, Class<T> type) {
        return node == null || node.isNull() || node.isMissingNode() ? null : json.convertValue(node, type);
    }

    private static void appendQuery(StringBuilder path, String name, String value) {
        if (value != null) {
            path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(query(value));
        }
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
