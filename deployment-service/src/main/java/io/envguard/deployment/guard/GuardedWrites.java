package io.envguard.deployment.guard;

import io.envguard.deployment.authz.Caller;
import io.envguard.deployment.authz.CheckResult;
import io.envguard.deployment.consistency.DecidedRevision;
import io.envguard.deployment.workload.Workload;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shape of every change: read and validate, ask authz-service about every guarded environment it touches
 * ({@link Effect}), and only after every answer allowed, write the change together with its audit entries in one
 * transaction — for a model's or chain's environments and deployments, under a lock on it and after reading again.
 * No database connection is held while waiting for authz-service, and no write starts before its answer.
 */
@ApplicationScoped
public class GuardedWrites {

    /** How often a write is read and checked again when promotions keep moving what it alters. */
    static final int ATTEMPTS = 3;

    private final AccessGuard guard;
    private final AuditTrail audit;
    private final DecidedRevision decidedRevision;

    GuardedWrites(AccessGuard guard, AuditTrail audit, DecidedRevision decidedRevision) {
        this.guard = guard;
        this.audit = audit;
        this.decidedRevision = decidedRevision;
    }

    /**
     * A write that alters no environment's served state: creating a model, a chain or a deployment.
     *
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
     * A guarded write of one model or chain. What the write changes ({@code effect} of what {@code read} found) is
     * checked against every environment whose served state it alters ({@link Effect#changes()}). authz-service is asked
     * while the rest is read, so the check adds little time of its own: where the model or chain lives is known from an
     * earlier read ({@code placement}), it is asked before the model or chain is even read. Environments the read turns
     * up that were not asked about are asked about afterwards; answers about environments the change does not touch
     * are ignored, and so is every answer when the read fails (404, 400) or finds the model elsewhere than asked.
     * <p>
     * Check and write are atomic with respect to other writes of the model or chain: the write transaction locks its
     * row, which every guarded write takes first, and reads again under that lock. If the write would now alter an
     * environment it was not checked against (a promote landed meanwhile), nothing is written and the whole write is
     * read, checked and tried again; it is {@code 409} after {@value #ATTEMPTS} attempts. No database connection is held
     * while waiting for authz-service.
     *
     * @param placement where the model or chain lives, from an earlier read, or null
     * @param workload  the model or chain, read first in the read session
     * @param asked     the changes to ask about while reading
     * @param read      loads and validates what the write needs; runs once in the read session and again, under the
     *                  lock, in the write transaction (so it must not change what it reads)
     * @param effect    what the state read stands for
     * @param write     makes the change from the state read under the lock
     */
    public <S, T> Uni<T> runAsking(Caller caller, Workload placement, Supplier<Uni<Workload>> workload,
                                   Function<Workload, List<Change>> asked, Function<Workload, Uni<S>> read,
                                   Function<S, Effect> effect, Function<S, Uni<T>> write) {
        return attempt(caller, placement, workload, asked, read, effect, write, 1);
    }

    private <S, T> Uni<T> attempt(Caller caller, Workload placement, Supplier<Uni<Workload>> workload,
                                  Function<Workload, List<Change>> asked, Function<Workload, Uni<S>> read,
                                  Function<S, Effect> effect, Function<S, Uni<T>> write, int attempt) {
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
        Uni<T> written = both.flatMap(done -> {
            Answers answers = done.answers();
            if (answers.failure() != null) {
                return Uni.createFrom().failure(answers.failure());
            }
            List<Change> touched = effect.apply(done.state()).changes();
            List<Uni<CheckResult>> decisions = touched.stream()
                    .map(change -> answers.byChange().containsKey(key(change))
                            ? Uni.createFrom().item(answers.byChange().get(key(change)))
                            : guard.decide(caller, change))
                    .toList();
            Uni<List<CheckResult>> all = Uni.join().all(decisions).andFailFast();
            return all.flatMap(complete -> guard.enforce(caller, touched, complete))
                    .flatMap(allowed -> Panache.withTransaction(() -> lock(done.target())
                            .flatMap(locked -> read.apply(locked))
                            .flatMap(fresh -> this.<T>writeChecked(caller, touched, allowed, effect.apply(fresh).changes(),
                                    () -> write.apply(fresh))))
                            .invoke(() -> decidedRevision.set(revision(caller, allowed))));
        });
        return written.onFailure(Moved.class).recoverWithUni(() -> {
            if (attempt >= ATTEMPTS) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "promotions kept moving what this change alters while it was checked; nothing was changed, try again"));
            }
            return attempt(caller, placement, workload, asked, read, effect, write, attempt + 1);
        });
    }

    /** The model or chain, locked until the write transaction ends. */
    private static Uni<Workload> lock(Workload target) {
        return Workload.<Workload>findById(target.id, LockModeType.PESSIMISTIC_WRITE).map(locked -> {
            if (locked == null) {
                throw ApiException.notFound(target.kind.noun() + " " + target.id);
            }
            return locked;
        });
    }

    /**
     * Writes when everything the write alters under the lock was checked and allowed; otherwise fails with
     * {@link Moved}, which rolls the transaction back.
     */
    private <T> Uni<T> writeChecked(Caller caller, List<Change> checked, List<CheckResult> decisions, List<Change> now,
                                    Supplier<Uni<T>> write) {
        Map<String, CheckResult> byChange = new HashMap<>();
        for (int i = 0; i < checked.size(); i++) {
            byChange.put(key(checked.get(i)), decisions.get(i));
        }
        List<CheckResult> nowDecided = new ArrayList<>();
        for (Change change : now) {
            boolean needsDecision = change.action().guarded() && change.environment() != null;
            if (needsDecision && !byChange.containsKey(key(change))) {
                return Uni.createFrom().failure(new Moved());
            }
            nowDecided.add(byChange.get(key(change)));
        }
        List<String> environments = AccessGuard.environmentsOf(checked);
        return write.get().call(() -> recordAll(caller, now, nowDecided, environments));
    }

    /** The write would alter an environment it was not checked against: read, check and write again. */
    private static final class Moved extends RuntimeException {
        Moved() {
            super("the change touches an environment it was not checked against", null, false, false);
        }
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
        List<String> environments = AccessGuard.environmentsOf(touched);
        return guard.enforce(caller, touched, decisions)
                .flatMap(allowed -> Panache.withTransaction(() -> write.apply(state)
                        .call(() -> recordAll(caller, touched, allowed, environments))))
                .invoke(() -> decidedRevision.set(revision(caller, decisions)));
    }

    /** The newest revision a decision was made at; the principal's when nothing needed a decision. */
    private static Long revision(Caller caller, List<CheckResult> decisions) {
        return decisions.stream().filter(Objects::nonNull).map(CheckResult::revision).filter(Objects::nonNull)
                .max(Long::compare).orElse(caller.principal().revision());
    }

    private Uni<Void> recordAll(Caller caller, List<Change> changes, List<CheckResult> decisions, List<String> checked) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            CheckResult decision = decisions.get(i);
            chain = chain.call(() -> audit.recordAllowed(caller, change, decision, checked));
        }
        return chain;
    }
}
