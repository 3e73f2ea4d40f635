package io.envguard.deployment.guard;

import io.envguard.deployment.authz.AuthzConfig;
import io.envguard.deployment.authz.AuthzGateway;
import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckRequest;
import io.envguard.deployment.authz.CheckResult;
import io.envguard.deployment.authz.Principal;
import io.envguard.edge.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks authz-service whether the caller may make guarded changes, and enforces the answers before anything is
 * written. Allowed: the decisions are returned and the caller writes. Denied: the denial is audited and the call
 * fails with 403 ENVIRONMENT_RESTRICTED. No answer: 503 AUTHZ_UNAVAILABLE (fail closed).
 */
@ApplicationScoped
public class AccessGuard {

    private static final Logger LOG = Logger.getLogger(AccessGuard.class);

    private final AuthzGateway gateway;
    private final AuditTrail audit;
    private final boolean checkEnabled;

    AccessGuard(AuthzGateway gateway, AuditTrail audit, AuthzConfig config) {
        this.gateway = gateway;
        this.audit = audit;
        this.checkEnabled = config.checkEnabled();
    }

    /** The decision for one change, allowed or not; fails with 503 when there is no answer. */
    public Uni<CheckResult> decide(Caller caller, Change change) {
        Principal principal = caller.principal();
        if (!needsCheck(change)) {
            return Uni.createFrom().nullItem();
        }
        if (!checkEnabled) {
            return Uni.createFrom().item(new CheckResult(true, "CHECK_DISABLED", principal.revision(), principal.userId()));
        }
        Long demanded = caller.minRevision();
        boolean waits = demanded != null && (principal.revision() == null || demanded > principal.revision());
        CheckRequest request = new CheckRequest(change.workload().organizationId, change.workload().teamId,
                change.environment(), change.action(), waits ? demanded : principal.revision());
        Uni<CheckResult> answer = waits
                ? gateway.checkAtRevision(caller.authorization(), request)
                : gateway.check(caller.authorization(), request);
        return AuthzGateway.onContext(answer, Vertx.currentContext())
                .onFailure().transform(failure -> {
                    LOG.warnf("authz check failed for %s on %s: %s", change.action(), change.environment(), failure.toString());
                    if (waits) {
                        return ApiException.authzUnavailable("the access decision could not be made at revision "
                                + demanded + " (Platform-Revision) in time; nothing was changed");
                    }
                    return ApiException.authzUnavailable("the access decision could not be made; nothing was changed");
                });
    }

    /**
     * Decisions for several changes, asked at the same time, in the order of the changes. Unguarded changes (and
     * changes that touch no environment) need no decision: theirs is null.
     */
    public Uni<List<CheckResult>> decideAll(Caller caller, List<Change> changes) {
        if (changes.size() == 1) {
            return decide(caller, changes.get(0)).map(Collections::singletonList);
        }
        List<Uni<CheckResult>> decisions = changes.stream().map(change -> decide(caller, change)).toList();
        return Uni.join().all(decisions).andFailFast();
    }

    /**
     * Passes the decisions on when every one allows; otherwise audits the first denial, naming every environment that
     * was checked, and fails with 403 naming the environment denied.
     */
    public Uni<List<CheckResult>> enforce(Caller caller, List<Change> changes, List<CheckResult> decisions) {
        for (int i = 0; i < changes.size(); i++) {
            CheckResult decision = decisions.get(i);
            if (decision != null && !decision.allowed()) {
                Change change = changes.get(i);
                return audit.recordDenial(caller, change, decision, environmentsOf(changes))
                        .replaceWith(Uni.createFrom().failure(denied(change, decision)));
            }
        }
        return Uni.createFrom().item(decisions);
    }

    /** The environments the changes are checked against, in their order. */
    public static List<String> environmentsOf(List<Change> changes) {
        return changes.stream().filter(AccessGuard::needsCheck).map(Change::environment).distinct().toList();
    }

    private static boolean needsCheck(Change change) {
        return change.action().guarded() && change.environment() != null;
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
}
