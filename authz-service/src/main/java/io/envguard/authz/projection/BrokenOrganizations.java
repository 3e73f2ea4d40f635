package io.envguard.authz.projection;

import io.envguard.authz.consistency.PositionNotifications;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Marks organisations broken and repaired ({@link BrokenOrganization}). Each change notifies
 * {@link PositionNotifications#MARKS_CHANNEL} with the organisation's id, delivered when it commits, so that every
 * replica drops what it cached of that organisation ({@link PositionNotifications}); checks read the mark with the
 * organisation's facts.
 */
@ApplicationScoped
public class BrokenOrganizations {

    private static final Logger LOG = Logger.getLogger(BrokenOrganizations.class);

    private final AtomicLong count = new AtomicLong();

    public BrokenOrganizations(MeterRegistry registry) {
        Gauge.builder("envguard.projection.broken.organizations", count, AtomicLong::get)
                .description("Organisations whose checks answer 503 until an operator repairs them (refreshed by every"
                        + " replica's gap check)")
                .register(registry);
    }

    /**
     * Marks the organisation broken in the current transaction, unless it is already, or {@code eventRevision} (-1 when
     * unknown) is one it has applied already: a refused replay of an applied event leaves no gap.
     */
    Uni<Boolean> mark(String organizationId, long eventRevision, String reason) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO broken_organization (organization_id, revision, reason, marked_at)
                                SELECT ?1, coalesce(p.revision, 0), ?3, now()
                                FROM (SELECT 1) AS one LEFT JOIN organization_position p ON p.organization_id = ?1
                                WHERE ?2 < 0 OR ?2 > coalesce(p.revision, 0)
                                ON CONFLICT (organization_id) DO NOTHING
                                RETURNING revision""", Long.class)
                        .setParameter(1, organizationId).setParameter(2, eventRevision).setParameter(3, reason)
                        .getResultList())
                .chain(marked -> marked.isEmpty() ? Uni.createFrom().item(false)
                        : announce(organizationId).invoke(() -> logMarked(organizationId, marked.get(0), reason))
                        .replaceWith(true));
    }

    /** {@link #mark} in a transaction of its own. */
    Uni<Boolean> markNow(String organizationId, long eventRevision, String reason) {
        return Panache.withTransaction(() -> mark(organizationId, eventRevision, reason));
    }

    /** Clears the mark in the current transaction; true when there was one. */
    Uni<Boolean> clear(String organizationId) {
        return BrokenOrganization.deleteById(organizationId)
                .call(deleted -> deleted ? announce(organizationId) : Uni.createFrom().voidItem());
    }

    /**
     * Marks every organisation whose oldest held event has waited since before {@code cutoff}: the revision it waits
     * for is taken as lost. Then refreshes the gauge.
     */
    Uni<Void> markStaleGaps(Instant cutoff) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                INSERT INTO broken_organization (organization_id, revision, reason, marked_at)
                                SELECT h.organization_id, coalesce(p.revision, 0),
                                       'gap: revision ' || (coalesce(p.revision, 0) + 1) || ' never arrived; '
                                           || count(*) || ' later events held, the first since ' || min(h.received_at),
                                       now()
                                FROM held_event h LEFT JOIN organization_position p ON p.organization_id = h.organization_id
                                WHERE h.revision > coalesce(p.revision, 0)
                                GROUP BY h.organization_id, p.revision
                                HAVING min(h.received_at) < ?1
                                ON CONFLICT (organization_id) DO NOTHING
                                RETURNING organization_id, revision, reason""", Object[].class)
                        .setParameter(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
                        .getResultList())
                .chain(marked -> Multi.createFrom().iterable(marked)
                        .onItem().transformToUniAndConcatenate(row -> announce((String) row[0])
                                .invoke(() -> logMarked((String) row[0], ((Number) row[1]).longValue(), (String) row[2])))
                        .collect().last())
                .chain(() -> BrokenOrganization.count())
                .invoke(count::set)
                .replaceWithVoid());
    }

    private static Uni<Void> announce(String organizationId) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_notify(?1, ?2)")
                        .setParameter(1, PositionNotifications.MARKS_CHANNEL)
                        .setParameter(2, organizationId)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private static void logMarked(String organizationId, long revision, String reason) {
        LOG.errorf("organisation %s is broken after revision %d: %s. Its checks answer 503 until an operator repairs it"
                + " (docs/operations.md): POST /internal/v1/organizations/%s/repair", organizationId, revision, reason,
                organizationId);
    }
}
