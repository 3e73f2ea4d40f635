package io.envguard.authz.consistency;

import io.envguard.edge.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Waits until the access table has reached a revision of an organisation: the one place where authz-service keeps the
 * promise that a change, once environment-service has answered it, is seen by every check that starts after the
 * answer, whichever replica answers (docs/architecture.md, "Read side" and "Replicas").
 * <p>
 * End to end, from authz-service's side:
 * <ol>
 *   <li>environment-service answers a change with its revision (the event's aggregate sequence number + 1, per
 *   organisation, no gaps), and before it answers calls {@link RevisionResource} with {@code at_least} = that
 *   revision.</li>
 *   <li>The projection applies each event in one transaction with the organisation's position
 *   ({@link OrganizationPosition}) and notifies {@link PositionNotifications#CHANNEL} with it; every replica listens,
 *   so its {@link ProjectedRevisions} move with the table, whichever replica committed, and wake waiters here. A
 *   replica that stopped listening forgets every revision it knew.</li>
 *   <li>{@link #reach} answers from {@link ProjectedRevisions} while this replica holds a lease
 *   ({@link ReplicaLeases#answersFromMemory()}); without one it reads the stored position, polling every 20 ms. Either
 *   way it fails with 503 {@code AUTHZ_UNAVAILABLE} when the revision is not reached within the bound: it fails
 *   closed.</li>
 *   <li>{@link RevisionResource} then waits for a barrier ({@link ReplicaLeases#barrier}): every replica that may answer
 *   from memory has heard of the change, or is fenced. Only then does environment-service answer the change.</li>
 *   <li>deployment-service asks a check with {@code min_revision} (the client's {@code Platform-Revision}, at least
 *   the principal's revision); {@code check.CheckService} waits here for it, up to {@code envguard.authz.max-wait}
 *   (1 s), before it reads the facts. Facts cached in memory are dropped when the table moves past them
 *   ({@code facts.CachedFactsReader}, told through {@link AccessTableListener}).</li>
 * </ol>
 */
@ApplicationScoped
public class RevisionWait {

    /** How often the stored position is read while waiting for a revision without a lease. */
    private static final Duration STORED_POLL = Duration.ofMillis(20);

    private final ProjectedRevisions revisions;
    private final ReplicaLeases leases;
    private final MeterRegistry registry;
    private final Duration maxWait;

    RevisionWait(ProjectedRevisions revisions, ReplicaLeases leases, MeterRegistry registry,
                 @ConfigProperty(name = "envguard.authz.max-wait", defaultValue = "1s") Duration maxWait) {
        this.revisions = revisions;
        this.leases = leases;
        this.registry = registry;
        this.maxWait = maxWait;
    }

    /** Completes once the organisation's projected revision is at least {@code minRevision}; fails with 503 after the bound. */
    public Uni<Long> reach(String organizationId, Long minRevision) {
        return reach(organizationId, minRevision == null ? 0 : minRevision, maxWait);
    }

    /** Whether {@link #reach} would complete at once, from what this replica knows in memory. */
    public boolean reachedNow(String organizationId, Long minRevision) {
        long current = revisions.current(organizationId);
        return leases.answersFromMemory() && current >= 0 && current >= (minRevision == null ? 0 : minRevision);
    }

    public Uni<Long> reach(String organizationId, long minRevision, Duration wait) {
        if (!leases.answersFromMemory()) {
            // Commits of other replicas may have gone unheard: nothing known in memory can be trusted, the table is.
            return storedRevisionAtLeast(organizationId, minRevision, System.nanoTime() + wait.toNanos());
        }
        if (minRevision <= 0 && revisions.current(organizationId) >= 0) {
            return Uni.createFrom().item(revisions.current(organizationId));
        }
        return revisions.await(organizationId, minRevision, wait, RevisionWait::storedRevision)
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
