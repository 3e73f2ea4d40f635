package io.envguard.deployment.audit;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckResult;
import io.envguard.deployment.authz.Principal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Records who changed what, where, why and when — allowed changes with the change, denials on their own. */
@ApplicationScoped
public class AuditLog {

    public static final String ALLOWED = "ALLOWED";
    public static final String DENIED = "DENIED";

    /** Records an allowed change; call it inside the transaction that makes the change. */
    public Uni<Void> recordAllowed(Caller caller, Change change, CheckResult decision) {
        return entry(caller, change, ALLOWED, decision).persist().replaceWithVoid();
    }

    /** Records a denial in a transaction of its own: nothing else is written when a change is denied. */
    public Uni<Void> recordDenial(Caller caller, Change change, CheckResult decision) {
        return Panache.withTransaction(() -> entry(caller, change, DENIED, decision).persist()).replaceWithVoid();
    }

    private static AuditEntry entry(Caller caller, Change change, String outcome, CheckResult decision) {
        Principal principal = caller.principal();
        AuditEntry entry = new AuditEntry();
        entry.organizationId = change.workload().organizationId;
        entry.at = Instant.now();
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
        entry.details = change.details() == null ? null : truncate(change.details());
        return entry;
    }

    private static String truncate(String details) {
        return details.length() <= 2000 ? details : details.substring(0, 2000);
    }
}
