package io.envguard.authz.check;

import io.envguard.authz.facts.OrganizationFacts;
import io.envguard.authz.facts.FactsReader;

import io.envguard.authz.identity.Caller;
import io.envguard.authz.identity.Principals;
import io.envguard.authz.projection.AccessTableBootstrap;
import io.envguard.authz.projection.ProjectedRevisions;
import io.envguard.authz.projection.OrganizationPosition;
import io.envguard.authz.projection.ReplicaLeases;
import io.envguard.contract.decision.AccessDecision;
import io.envguard.contract.decision.Reason;
import io.envguard.edge.error.ApiException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The check use case: wait until the access table has reached the revision the caller needs (bounded, then fail
 * closed), read the organisation's facts and let {@link AccessDecision} decide.
 */
@ApplicationScoped
public class CheckService {

    private final FactsReader facts;
    private final ProjectedRevisions revisions;
    private final ReplicaLeases leases;
    private final AccessTableBootstrap bootstrap;
    private final Duration maxWait;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<Reason, Counter> decisions = new EnumMap<>(Reason.class);

    /** How often the stored position is read while waiting for a revision without a lease. */
    private static final Duration STORED_POLL = Duration.ofMillis(20);

    public CheckService(FactsReader facts, ProjectedRevisions revisions, ReplicaLeases leases,
                        AccessTableBootstrap bootstrap, MeterRegistry registry,
                        @ConfigProperty(name = "envguard.authz.max-wait", defaultValue = "1s") Duration maxWait) {
        this.facts = facts;
        this.revisions = revisions;
        this.leases = leases;
        this.bootstrap = bootstrap;
        this.maxWait = maxWait;
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

    private Uni<Decision> decide(CheckRequest request, Function<OrganizationFacts, String> subject) {
        long started = System.nanoTime();
        if (bootstrap.loading()) {
            // The table is somewhere in the past until the bulk load swaps in: no answer rather than a stale allow.
            registry.counter("envguard.check.unavailable").increment();
            return Uni.createFrom().failure(ApiException.authzUnavailable(
                    "the access table is being loaded from the event topic; try again shortly"));
        }
        return reach(request.organizationId(), request.minRevision())
                .chain(() -> facts.read(request.organizationId()))
                .map(OrganizationFacts::decidable)
                .map(f -> {
                    String userId = subject.apply(f);
                    Reason reason = AccessDecision.decide(
                            f.question(userId, request.teamId(), request.environment(), request.action()), clock.instant());
                    decisions.get(reason).increment();
                    return new Decision(reason.allows(), reason, f.revision(), userId);
                })
                .onTermination().invoke(() -> latency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    /** Completes once the organisation's projected revision is at least {@code minRevision}; fails with 503 after the bound. */
    public Uni<Long> reach(String organizationId, Long minRevision) {
        return reach(organizationId, minRevision == null ? 0 : minRevision, maxWait);
    }

    public Uni<Long> reach(String organizationId, long minRevision, Duration wait) {
        if (!leases.answersFromMemory()) {
            // Commits of other replicas may have gone unheard: nothing known in memory can be trusted, the table is.
            return storedRevisionAtLeast(organizationId, minRevision, System.nanoTime() + wait.toNanos());
        }
        if (minRevision <= 0 && revisions.current(organizationId) >= 0) {
            return Uni.createFrom().item(revisions.current(organizationId));
        }
        return revisions.await(organizationId, minRevision, wait, CheckService::storedRevision)
                .map(revision -> {
                    if (revision < minRevision) {
                        registry.counter("envguard.check.unavailable").increment();
                        throw ApiException.authzUnavailable("the access table of organisation " + organizationId
                                + " is at revision " + revision + ", not yet " + minRevision);
                    }
                    return revision;
                });
    }

    /** Reads the stored position until it is at least {@code minRevision}; 503 after the deadline. */
    private Uni<Long> storedRevisionAtLeast(String organizationId, long minRevision, long deadline) {
        return storedRevision(organizationId).chain(revision -> {
            if (revision >= minRevision) {
                return Uni.createFrom().item(revision);
            }
            if (System.nanoTime() - deadline > 0) {
                registry.counter("envguard.check.unavailable").increment();
                return Uni.createFrom().failure(ApiException.authzUnavailable("the access table of organisation "
                        + organizationId + " is at revision " + revision + ", not yet " + minRevision));
            }
            Uni<Void> pause = Uni.createFrom().voidItem().onItem().delayIt().by(STORED_POLL);
            Context context = Vertx.currentContext();
            if (context != null) { // the session needs the caller's context
                pause = pause.emitOn(task -> context.runOnContext(ignored -> task.run()));
            }
            return pause.chain(() -> storedRevisionAtLeast(organizationId, minRevision, deadline));
        });
    }

    private static Uni<Long> storedRevision(String organizationId) {
        return Panache.withSession(() -> OrganizationPosition.<OrganizationPosition>findById(organizationId))
                .map(position -> position == null ? 0L : position.revision);
    }
}
