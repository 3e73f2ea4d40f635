package io.envguard.deployment.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckResult;
import io.envguard.deployment.authz.Principal;
import io.envguard.deployment.guard.AuditTrail;
import io.envguard.deployment.guard.Change;
import io.envguard.deployment.web.Timestamps;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Records who changed what, where, why and when — allowed changes with the change, denials on their own. */
@ApplicationScoped
public class AuditLog implements AuditTrail {

    static final String ALLOWED = "ALLOWED";
    static final String DENIED = "DENIED";
    static final int MAX_DETAILS_LENGTH = 2000;

    private final ObjectMapper details;

    AuditLog(ObjectMapper mapper) {
        // Only what the caller asked for: absent fields of a PATCH stay out of the record.
        this.details = mapper.copy().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    }

    /**
     * Records an allowed change; call it inside the transaction that makes the change. {@code checked} names every
     * environment the whole write was checked against.
     */
    @Override
    public Uni<Void> recordAllowed(Caller caller, Change change, CheckResult decision, List<String> checked) {
        return entry(caller, change, ALLOWED, decision, checked).persist().replaceWithVoid();
    }

    /** Records a denial in a transaction of its own: nothing else is written when a change is denied. */
    @Override
    public Uni<Void> recordDenial(Caller caller, Change change, CheckResult decision, List<String> checked) {
        return Panache.withTransaction(() -> entry(caller, change, DENIED, decision, checked).persist()).replaceWithVoid();
    }

    private AuditEntry entry(Caller caller, Change change, String outcome, CheckResult decision, List<String> checked) {
        Principal principal = caller.principal();
        AuditEntry entry = new AuditEntry();
        entry.organizationId = change.workload().organizationId;
        entry.at = Timestamps.now();
        entry.userId = principal.userId();
        entry.email = principal.email();
        entry.credential = principal.credential() == null ? "UNKNOWN" : principal.credential();
        entry.apiKeyPrefix = principal.apiKeyPrefix();
        entry.action = change.action().name();
        entry.outcome = outcome;
        entry.reason = decision == null ? null : decision.reason();
        entry.revision = decision == null ? principal.revision() : decision.revision();
        entry.environment = change.environment();
        entry.workloadKind = change.workload().kind.name();
        entry.workloadId = change.workload().id;
        entry.deploymentId = change.deploymentId();
        entry.details = json(change.details());
        entry.checkedEnvironments = AuditEntry.joined(checked);
        return entry;
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            String json = details.writeValueAsString(value);
            return json.length() <= MAX_DETAILS_LENGTH ? json : details.writeValueAsString(Map.of("truncated", json.substring(0, 1000)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not serialisable", e);
        }
    }
}
