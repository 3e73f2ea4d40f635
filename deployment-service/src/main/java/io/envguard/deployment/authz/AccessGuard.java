package io.envguard.deployment.authz;

import io.envguard.deployment.audit.AuditLog;
import io.envguard.deployment.audit.Change;
import io.envguard.deployment.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks authz-service whether the caller may make a guarded change, before anything is written.
 * Allowed: the decision is returned and the caller writes. Denied: the denial is audited and the call fails with
 * 403 ENVIRONMENT_RESTRICTED. No answer: 503 AUTHZ_UNAVAILABLE (fail closed).
 */
@ApplicationScoped
public class AccessGuard {

    private static final Logger LOG = Logger.getLogger(AccessGuard.class);

    private final AuthzGateway gateway;
    private final AuditLog audit;
    private final boolean checkEnabled;

    AccessGuard(AuthzGateway gateway, AuditLog audit, AuthzConfig config) {
        this.gateway = gateway;
        this.audit = audit;
        this.checkEnabled = config.checkEnabled();
    }

    /** The decision for one change to one environment. */
    public Uni<CheckResult> require(Caller caller, Change change) {
        Principal principal = caller.principal();
        if (!checkEnabled) {
            return Uni.createFrom().item(new CheckResult(true, "CHECK_DISABLED", principal.revision(), principal.userId()));
        }
        CheckRequest request = new CheckRequest(change.workload().organizationId, change.workload().teamId,
                change.environment(), change.action(), principal.revision());
        Context context = Vertx.currentContext();
        return onContext(gateway.check(caller.authorization(), request), context)
                .onFailure(failure -> !(failure instanceof ApiException)).transform(failure -> {
                    LOG.warnf("authz check failed for %s on %s: %s", change.action(), change.environment(), failure.toString());
                    return ApiException.authzUnavailable("the access decision could not be made; nothing was changed");
                })
                .flatMap(result -> result.allowed()
                        ? Uni.createFrom().item(result)
                        : audit.recordDenial(caller, change, result).replaceWith(Uni.createFrom().failure(denied(change, result))));
    }

    /**
     * Decisions for changes asked one after the other, in order; all must allow. Unguarded changes (and changes that
     * touch no environment) need no decision: theirs is null.
     */
    public Uni<List<CheckResult>> requireAll(Caller caller, List<Change> changes) {
        Uni<List<CheckResult>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Change change : changes) {
            chain = chain.flatMap(decisions -> needsCheck(change)
                    ? require(caller, change).map(decision -> add(decisions, decision))
                    : Uni.createFrom().item(add(decisions, null)));
        }
        return chain;
    }

    private static boolean needsCheck(Change change) {
        return change.action().guarded() && change.environment() != null;
    }

    private static List<CheckResult> add(List<CheckResult> decisions, CheckResult decision) {
        decisions.add(decision);
        return decisions;
    }

    private static ApiException denied(Change change, CheckResult result) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("environment", change.environment());
        extra.put("action", change.action().name());
        extra.put("reason", result.reason());
        extra.put("revision", result.revision());
        return new ApiException(403, "ENVIRONMENT_RESTRICTED",
                "environment '" + change.environment() + "' is restricted: " + change.action() + " needs access", extra);
    }

    /**
     * Continues on the request's Vert.x context: a time-out completes on a timer thread, and Hibernate Reactive only
     * accepts work on the context that opened the session.
     */
    static <T> Uni<T> onContext(Uni<T> uni, Context context) {
        if (context == null) {
            return uni;
        }
        return uni.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
