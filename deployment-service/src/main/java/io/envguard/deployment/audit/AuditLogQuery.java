package io.envguard.deployment.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.deployment.Deployment;
import io.envguard.deployment.web.Page;
import io.envguard.deployment.workload.Environment;
import io.envguard.deployment.workload.Workload;
import io.envguard.deployment.workload.WorkloadKind;
import io.envguard.deployment.workload.WorkloadService;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit log of the caller's organisation (and of one model or chain of it), newest first, for its admins: Baseten's
 * {@code ListAuditLogsResponseV1}, each entry an {@code AuditLogEntryV1} ({@link AuditEvents}) with Envguard's record of
 * the change — action, outcome, reason, revision, environments checked, what was asked — beside it.
 */
@ApplicationScoped
public class AuditLogQuery {

    private final ObjectMapper mapper;
    private final WorkloadService workloads;

    AuditLogQuery(ObjectMapper mapper, WorkloadService workloads) {
        this.mapper = mapper;
        this.workloads = workloads;
    }

    /**
     * Baseten's {@code AuditLogActorV1}: {@code USER} or {@code API_KEY}, with Envguard's {@code user_id} and
     * {@code credential} ({@code JWT}, {@code API_KEY}) as extras.
     */
    public record Actor(String type, String email, String apiKeyPrefix, String apiKeyName, String userId, String credential) {
    }

    public record AuditLogView(String id, Instant created, String eventType, Map<String, Object> eventData, String source,
                               Actor actor, String action, String outcome, String reason, Long revision,
                               String environment, UUID modelId, UUID chainId, UUID deploymentId, JsonNode details,
                               List<String> checkedEnvironments) {

        static AuditLogView of(AuditEntry entry, JsonNode details, AuditEvents.Lookup lookup) {
            boolean model = "MODEL".equals(entry.workloadKind);
            AuditEvents.Event event = AuditEvents.of(entry, details, lookup);
            String type = entry.apiKeyPrefix != null ? "API_KEY" : "USER";
            return new AuditLogView(String.valueOf(entry.id), entry.at, event.type(), event.data(), "API",
                    new Actor(type, entry.email, entry.apiKeyPrefix, null, entry.userId, entry.credential),
                    entry.action, entry.outcome, entry.reason, entry.revision, entry.environment,
                    model ? entry.workloadId : null, model ? null : entry.workloadId, entry.deploymentId,
                    details, entry.checked());
        }
    }

    /** The organisation's log. */
    public Uni<Page<AuditLogView>> list(Caller caller, AuditLogFilters filters) {
        return page(admin(caller), null, filters);
    }

    /** The log of one model or chain (404 when it is not the organisation's). */
    public Uni<Page<AuditLogView>> ofWorkload(Caller caller, WorkloadKind kind, String id, AuditLogFilters filters) {
        Principal principal = admin(caller);
        return Panache.withSession(() -> workloads.visible(caller, kind, id))
                .flatMap(workload -> page(principal, workload.id, filters));
    }

    private static Principal admin(Caller caller) {
        Principal principal = caller.principal();
        if (!principal.isOrgAdmin()) {
            throw ApiException.forbidden("only organization admins may read the audit log");
        }
        return principal;
    }

    private Uni<Page<AuditLogView>> page(Principal principal, UUID workloadId, AuditLogFilters filters) {
        Page.Request page = Page.Request.of(filters.limit, filters.cursor);
        StringBuilder query = new StringBuilder("organizationId = :organization");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("organization", principal.organizationId());
        if (workloadId != null) {
            query.append(" and workloadId = :workload");
            parameters.put("workload", workloadId);
        }
        List<String> environments = joined(filters.environmentNames, filters.environment);
        if (!environments.isEmpty()) {
            query.append(" and environment in :environments");
            parameters.put("environments", environments);
        }
        List<String> users = joined(filters.userIds, filters.userId);
        if (!users.isEmpty()) {
            query.append(" and userId in :users");
            parameters.put("users", users);
        }
        List<String> deploymentIds = joined(filters.deploymentIds, null);
        deploymentIds.addAll(joined(filters.chainDeploymentIds, null));
        if (!deploymentIds.isEmpty()) {
            query.append(" and deploymentId in :deployments");
            parameters.put("deployments", deploymentIds.stream().map(AuditLogQuery::uuid).toList());
        }
        Instant since = filters.since != null ? instant("since", filters.since)
                : filters.startEpochMillis != null ? Instant.ofEpochMilli(filters.startEpochMillis) : null;
        Instant until = filters.until != null ? instant("until", filters.until)
                : filters.endEpochMillis != null ? Instant.ofEpochMilli(filters.endEpochMillis) : null;
        if (since != null) {
            query.append(" and at >= :since");
            parameters.put("since", since);
        }
        if (until != null) {
            query.append(" and at < :until");
            parameters.put("until", until);
        }
        query.append(ascending(filters.direction) ? " order by id asc" : " order by id desc");
        return Panache.withSession(() -> AuditEntry.<AuditEntry>find(query.toString(), parameters)
                        .range(page.offset(), page.offset() + page.limit()).list()
                        .flatMap(rows -> {
                            Map<Long, JsonNode> details = new HashMap<>();
                            rows.forEach(entry -> details.put(entry.id, parse(entry.details)));
                            return lookup(rows, details).map(lookup -> page.page(new ArrayList<>(rows),
                                    entry -> AuditLogView.of(entry, details.get(entry.id), lookup)));
                        }));
    }

    /** Reads what the entries' events name: three reads for the whole page. */
    private static Uni<AuditEvents.Lookup> lookup(List<AuditEntry> rows, Map<Long, JsonNode> details) {
        Set<UUID> workloadIds = rows.stream().map(entry -> entry.workloadId).filter(id -> id != null).collect(Collectors.toSet());
        if (workloadIds.isEmpty()) {
            return Uni.createFrom().item(new AuditEvents.Lookup(Map.of(), Map.of(), Map.of()));
        }
        Set<UUID> deploymentIds = new HashSet<>();
        rows.forEach(entry -> {
            if (entry.deploymentId != null) {
                deploymentIds.add(entry.deploymentId);
            }
            JsonNode asked = details.get(entry.id);
            if (asked != null && asked.hasNonNull("deployment_id")) {
                UUID id = WorkloadService.parseId(asked.get("deployment_id").asText());
                if (id != null) {
                    deploymentIds.add(id);
                }
            }
        });
        return Workload.<Workload>list("id in ?1", workloadIds)
                .flatMap(found -> Environment.<Environment>list("workloadId in ?1", workloadIds).flatMap(environments -> {
                    environments.forEach(environment -> {
                        if (environment.currentDeploymentId != null) {
                            deploymentIds.add(environment.currentDeploymentId);
                        }
                    });
                    Uni<List<Deployment>> deployments = deploymentIds.isEmpty() ? Uni.createFrom().item(List.of())
                            : Deployment.<Deployment>list("id in ?1", deploymentIds);
                    return deployments.map(loaded -> new AuditEvents.Lookup(
                            found.stream().collect(Collectors.toMap(workload -> workload.id, Function.identity())),
                            loaded.stream().collect(Collectors.toMap(deployment -> deployment.id, Function.identity())),
                            environments.stream().collect(Collectors.toMap(
                                    environment -> AuditEvents.Lookup.key(environment.workloadId, environment.name),
                                    Function.identity()))));
                }));
    }

    private JsonNode parse(String details) {
        if (details == null) {
            return null;
        }
        try {
            return mapper.readTree(details);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(details);
        }
    }

    private static boolean ascending(String direction) {
        if (direction == null || direction.equals("DESC")) {
            return false;
        }
        if (direction.equals("ASC")) {
            return true;
        }
        throw ApiException.validation("direction", "must be ASC or DESC");
    }

    /** The values of a repeated parameter and of its Envguard single-valued twin, if given. */
    private static List<String> joined(List<String> many, String one) {
        List<String> values = new ArrayList<>(many == null ? List.of() : many);
        if (one != null) {
            values.add(one);
        }
        return values;
    }

    private static UUID uuid(String id) {
        UUID uuid = WorkloadService.parseId(id);
        if (uuid == null) {
            throw ApiException.validation("deployment_ids", "must be deployment ids");
        }
        return uuid;
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
