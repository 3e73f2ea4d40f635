package io.envguard.authz.check;

import io.envguard.authz.consistency.RevisionWait;
import io.envguard.authz.facts.FactsReader;
import io.envguard.authz.facts.OrganizationFacts;
import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principals;
import io.envguard.authz.projection.AccessTableBootstrap;
import io.envguard.contract.decision.AccessDecision;
import io.envguard.contract.decision.Reason;
import io.envguard.edge.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The check use case: wait until the access table has reached the revision the caller needs ({@link RevisionWait}:
 * bounded, then fail closed), read the organisation's facts and let {@link AccessDecision} decide.
 */
@ApplicationScoped
public class CheckService {

    private final FactsReader facts;
    private final RevisionWait revisions;
    private final AccessTableBootstrap bootstrap;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<Reason, Counter> decisions = new EnumMap<>(Reason.class);

    public CheckService(FactsReader facts, RevisionWait revisions, AccessTableBootstrap bootstrap,
                        MeterRegistry registry) {
        this.facts = facts;
        this.revisions = revisions;
        this.bootstrap = bootstrap;
        this.clock = Clock.systemUTC();
        this.registry = registry;
        this.latency = Timer.builder("envguard.check.latency")
                .description("Time to answer a check, waiting for min_revision included")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(2))
                .register(registry);
        for (Reason reason : Reason.values()) {
            decisions.put(reason, registry.counter("envguard.decisions",
                    "outcome", reason.allows() ? "allowed" : "denied", "reason", reason.name()));
        }
    }

    /** Decides for the caller themselves. */
    public Uni<Decision> check(Caller caller, CheckRequest request) {
        return decide(request, f -> Principals.userIdIn(caller, f));
    }

    /** Decides for the given user: the dry run an admin makes for someone else. */
    public Uni<Decision> checkFor(String userId, CheckRequest request) {
        return decide(request, f -> userId);
    }

    /**
     * Decides for the caller at once, from what this replica holds in memory, or answers null when the check would have
     * to wait for a revision or read the table (or the table is being loaded): {@link CheckFastLane} hands those to
     * {@link #check}. Throws as {@link #check} fails.
     */
    public Decision checkNow(Caller caller, CheckRequest request) {
        return bootstrap.loading() ? null : decideNow(request, f -> Principals.userIdIn(caller, f));
    }

    private Uni<Decision> decide(CheckRequest request, Function<OrganizationFacts, String> subject) {
        if (bootstrap.loading()) {
            // The table is somewhere in the past until the bulk load swaps in: no answer rather than a stale allow.
            registry.counter("envguard.check.unavailable").increment();
            return Uni.createFrom().failure(ApiException.authzUnavailable(
                    "the access table is being loaded from the event topic; try again shortly"));
        }
        long started = System.nanoTime();
        try {
            Decision now = decideNow(request, subject);
            if (now != null) {
                // Nothing to wait for or read: answered here, without the asynchronous steps' cost on every check.
                return Uni.createFrom().item(now);
            }
        } catch (RuntimeException refused) {
            latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return Uni.createFrom().failure(refused);
        }
        return revisions.reach(request.organizationId(), request.minRevision())
                .chain(() -> facts.read(request.organizationId()))
                .map(f -> decide(f, request, subject))
                .onTermination().invoke(() -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** The decision from the facts in memory, timed; null when they are not as recent as the check needs. */
    private Decision decideNow(CheckRequest request, Function<OrganizationFacts, String> subject) {
        long started = System.nanoTime();
        OrganizationFacts known = revisions.reachedNow(request.organizationId(), request.minRevision())
                ? facts.currentNow(request.organizationId()) : null;
        if (known == null) {
            return null;
        }
        Decision decision = decide(known, request, subject);
        latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return decision;
    }

    private Decision decide(OrganizationFacts facts, CheckRequest request, Function<OrganizationFacts, String> subject) {
        OrganizationFacts f = facts.decidable();
        String userId = subject.apply(f);
        Reason reason = AccessDecision.decide(
                f.question(userId, request.teamId(), request.environment(), request.action()), clock.instant());
        decisions.get(reason).increment();
        return new Decision(reason.allows(), reason, f.revision(), userId);
    }
}
