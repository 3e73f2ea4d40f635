package io.envguard.deployment.authz;

import io.envguard.deployment.audit.AuditLog;
import io.envguard.deployment.audit.Change;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape of every change: read and validate, ask authz-service about every guarded environment it touches, and
 * only after every answer allowed, write the change together with its audit entries in one transaction.
 * No database connection is held while authz-service is asked.
 */
@ApplicationScoped
public class GuardedWrites {

    private final AccessGuard guard;
    private final AuditLog audit;
    private final CallerContext callerContext;

    GuardedWrites(AccessGuard guard, AuditLog audit, CallerContext callerContext) {
        this.guard = guard;
        this.audit = audit;
        this.callerContext = callerContext;
    }

    /**
     * @param read    loads and validates what the change needs (runs in a read session; fails with 4xx when invalid)
     * @param changes the changes the read state stands for, one per environment touched
     * @param write   makes the change (runs in the write transaction; reloads what it modifies)
     */
    public <S, T> Uni<T> run(Caller caller, Supplier<Uni<S>> read, Function<S, List<Change>> changes, Function<S, Uni<T>> write) {
        return Panache.withSession(read).flatMap(state -> {
            List<Change> touched = changes.apply(state);
            return guard.requireAll(caller, touched).flatMap(decisions -> Panache.withTransaction(() -> write.apply(state)
                            .call(() -> recordAll(caller, touched, decisions)))
                    .invoke(() -> callerContext.revision(revision(caller, decisions))));
        });
    }

    /** The newest revision a decision was made at; the principal's when nothing needed a decision. */
    private static Long revision(Caller caller, List<CheckResult> decisions) {
        return decisions.stream().filter(Objects::nonNull).map(CheckResult::revision).filter(Objects::nonNull)
                .max(Long::compare).orElse(caller.principal().revision());
    }

    private Uni<Void> recordAll(Caller caller, List<Change> changes, List<CheckResult> decisions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            CheckResult decision = decisions.get(i);
            chain = chain.call(() -> audit.recordAllowed(caller, change, decision));
        }
        return chain;
    }
}
