package io.envguard.deployment.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.envguard.deployment.authz.CallerContext;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.error.ApiException;
import io.envguard.deployment.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit log of the caller's organisation, newest first, for its admins. */
@Path("/v1/audit_logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    private final CallerContext caller;
    private final ObjectMapper mapper;

    AuditLogResource(CallerContext caller, ObjectMapper mapper) {
        this.caller = caller;
        this.mapper = mapper;
    }

    public record Actor(String userId, String email, String credential, String apiKeyPrefix) {
    }

    public record AuditLogView(Long id, Instant at, Actor actor, String action, String outcome, String reason,
                               Long revision, String environment, UUID modelId, UUID chainId, UUID deploymentId,
                               JsonNode details, List<String> checkedEnvironments) {

        static AuditLogView of(AuditEntry entry, ObjectMapper mapper) {
            boolean model = "MODEL".equals(entry.workloadKind);
            return new AuditLogView(entry.id, entry.at,
                    new Actor(entry.userId, entry.email, entry.credential, entry.apiKeyPrefix),
                    entry.action, entry.outcome, entry.reason, entry.revision, entry.environment,
                    model ? entry.workloadId : null, model ? null : entry.workloadId, entry.deploymentId,
                    parse(entry.details, mapper), entry.checked());
        }

        private static JsonNode parse(String details, ObjectMapper mapper) {
            if (details == null) {
                return null;
            }
            try {
                return mapper.readTree(details);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(details);
            }
        }
    }

    @GET
    public Uni<Page<AuditLogView>> list(@QueryParam("environment") String environment,
                                        @QueryParam("user_id") String userId,
                                        @QueryParam("since") String since,
                                        @QueryParam("until") String until,
                                        @QueryParam("limit") Integer limit,
                                        @QueryParam("cursor") String cursor) {
        Principal principal = caller.get().principal();
        if (!principal.isOrgAdmin()) {
            throw ApiException.forbidden("only organization admins may read the audit log");
        }
        Page.Request page = Page.Request.of(limit, cursor);
        StringBuilder query = new StringBuilder("organizationId = :organization");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("organization", principal.organizationId());
        if (environment != null) {
            query.append(" and environment = :environment");
            parameters.put("environment", environment);
        }
        if (userId != null) {
            query.append(" and userId = :user");
            parameters.put("user", userId);
        }
        if (since != null) {
            query.append(" and at >= :since");
            parameters.put("since", instant("since", since));
        }
        if (until != null) {
            query.append(" and at < :until");
            parameters.put("until", instant("until", until));
        }
        query.append(" order by id desc");
        return Panache.withSession(() -> AuditEntry.<AuditEntry>find(query.toString(), parameters)
                        .range(page.offset(), page.offset() + page.limit()).list())
                .map(rows -> page.page(new ArrayList<>(rows), entry -> AuditLogView.of(entry, mapper)));
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(field, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
