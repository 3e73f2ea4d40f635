package io.envguard.deployment.authz;

import io.envguard.deployment.audit.AuditLog;
import io.envguard.deployment.audit.Change;
import io.envguard.deployment.workload.Workload;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape of every change: read and validate, ask authz-service about every guarded environment it touches, and
 * only after every answer allowed, write the change together with its audit entries in one transaction.
 * No database connection is held while waiting for authz-service, and no write starts before its answer.
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
            return guard.decideAll(caller, touched).flatMap(decisions -> writeIfAllowed(caller, state, touched, decisions, write));
        });
    }

    /**
     * Like {@link #run}, for changes whose environments can be told from the model or chain alone (promote into a
     * named environment, environment changes, the {@code production} alias): authz-service is asked while the rest is
     * read, so the check adds little time of its own. Where the model or chain lives is known from an earlier read
     * ({@code placement}), it is asked before the model or chain is even read. Environments the read turns up that
     * were not asked about are asked about afterwards; answers about environments the change does not touch are
     * ignored, and so is every answer when the read fails (404, 400) or finds the model elsewhere than asked.
     *
     * @param placement where the model or chain lives, from an earlier read, or null
     * @param workload  the model or chain, read first in the read session
     * @param asked     the changes to ask about while reading
     */
    public <S, T> Uni<T> runAsking(Caller caller, Workload placement, Supplier<Uni<Workload>> workload,
                                   Function<Workload, List<Change>> asked, Function<Workload, Uni<S>> read,
                                   Function<S, List<Change>> changes, Function<S, Uni<T>> write) {
        Uni<Read<S>> both;
        if (placement != null) {
            Uni<Answers> answers = ask(caller, asked.apply(placement));
            Uni<Read<S>> state = Panache.withSession(() -> workload.get()
                    .flatMap(target -> read.apply(target).map(s -> new Read<>(target, s, null))));
            both = Uni.combine().all().unis(state, answers).asTuple().map(pair -> {
                Read<S> done = pair.getItem1();
                boolean samePlace = done.target().organizationId.equals(placement.organizationId)
                        && done.target().teamId.equals(placement.teamId);
                return new Read<>(done.target(), done.state(), samePlace ? pair.getItem2() : Answers.none());
            });
        } else {
            both = Panache.withSession(() -> workload.get().flatMap(target -> Uni.combine().all()
                    .unis(read.apply(target), ask(caller, asked.apply(target))).asTuple()
                    .map(pair -> new Read<>(target, pair.getItem1(), pair.getItem2()))));
        }
        return both.flatMap(done -> {
            S state = done.state();
            Answers answers = done.answers();
            if (answers.failure() != null) {
                return Uni.createFrom().failure(answers.failure());
            }
            List<Change> touched = changes.apply(state);
            List<Uni<CheckResult>> decisions = touched.stream()
                    .map(change -> answers.byChange().containsKey(key(change))
                            ? Uni.createFrom().item(answers.byChange().get(key(change)))
                            : guard.decide(caller, change))
                    .toList();
            Uni<List<CheckResult>> all = decisions.isEmpty() ? Uni.createFrom().item(List.of()) : Uni.join().all(decisions).andFailFast();
            return all.flatMap(complete -> writeIfAllowed(caller, state, touched, complete, write));
        });
    }

    private Uni<Answers> ask(Caller caller, List<Change> early) {
        return guard.decideAll(caller, early)
                .map(decisions -> Answers.of(early, decisions))
                .onFailure().recoverWithItem(Answers::failed);
    }

    /** What the read found, and the answers given meanwhile. */
    private record Read<S>(Workload target, S state, Answers answers) {
    }

    /** Answers authz-service gave while the rest was read, by action and environment. */
    private record Answers(Map<String, CheckResult> byChange, Throwable failure) {

        static Answers of(List<Change> changes, List<CheckResult> decisions) {
            Map<String, CheckResult> byChange = new HashMap<>();
            for (int i = 0; i < changes.size(); i++) {
                byChange.put(key(changes.get(i)), decisions.get(i));
            }
            return new Answers(byChange, null);
        }

        static Answers failed(Throwable failure) {
            return new Answers(Map.of(), failure);
        }

        static Answers none() {
            return new Answers(Map.of(), null);
        }
    }

    private static String key(Change change) {
        return change.action() + " " + change.environment();
    }

    private <S, T> Uni<T> writeIfAllowed(Caller caller, S state, List<Change> touched, List<CheckResult> decisions,
                                         Function<S, Uni<T>> write) {
        return guard.enforce(caller, touched, decisions)
                .flatMap(allowed -> Panache.withTransaction(() -> write.apply(state).call(() -> recordAll(caller, touched, allowed))))
                .invoke(() -> callerContext.revision(revision(caller, decisions)));
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
