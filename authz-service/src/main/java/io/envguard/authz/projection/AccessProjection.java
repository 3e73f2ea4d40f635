package io.envguard.authz.projection;

import io.envguard.authz.consistency.OrganizationPosition;
import io.envguard.authz.consistency.PositionNotifications;
import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.edge.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Applies environment events to the access table. One call of {@link #apply} is one transaction that changes the rows
 * and the organisation's position together, so a redelivered event is recognised by its revision and changes nothing.
 */
@ApplicationScoped
public class AccessProjection {

    private static final Logger LOG = Logger.getLogger(AccessProjection.class);

    /** What happened to one event. */
    public enum Result { APPLIED, DUPLICATE, HELD }

    /** @param revision the organisation's position after the transaction */
    public record Outcome(Result result, String organizationId, long revision) {
    }

    private final EventReader reader;
    private final BrokenOrganizations broken;
    private final int maxHeldEvents;

    public AccessProjection(EventReader reader, BrokenOrganizations broken,
                            @ConfigProperty(name = "envguard.projection.max-held-events") int maxHeldEvents) {
        this.reader = reader;
        this.broken = broken;
        this.maxHeldEvents = maxHeldEvents;
    }

    /**
     * Applies one event, and then any held events it unblocks, in one transaction, which also tells every replica
     * the organisation's new position once it commits ({@link PositionNotifications}).
     */
    public Uni<Outcome> apply(EnvironmentCloudEvent event) {
        return Panache.withTransaction(() -> applyInTransaction(event, true)
                .call(outcome -> outcome.result() == Result.APPLIED ? announce(outcome) : Uni.createFrom().voidItem()));
    }

    private static Uni<?> announce(Outcome outcome) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select 1 from pg_notify(?1, ?2)")
                .setParameter(1, PositionNotifications.CHANNEL)
                .setParameter(2, outcome.organizationId() + " " + outcome.revision())
                .getSingleResult());
    }

    /**
     * Applies events in order, in one transaction, to the tables of another schema with the same layout: how a shadow
     * access table is rebuilt by the very code that builds the live one.
     */
    public Uni<List<Outcome>> applyAllToSchema(String schema, List<EnvironmentCloudEvent> events) {
        if (!schema.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a schema name: " + schema);
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SET LOCAL search_path TO " + schema).executeUpdate())
                .chain(() -> Multi.createFrom().iterable(events)
                        .onItem().transformToUniAndConcatenate(event -> applyInTransaction(event, false))
                        .collect().asList()));
    }

    /** What a repair did: the organisation's revision after it, and whether it was marked broken. */
    public record Repaired(String organizationId, long revision, int events, boolean wasBroken) {
    }

    /**
     * Replaces the organisation's rows by {@code history} (its events from revision 1, ascending, without gaps) applied
     * afresh, and clears its broken mark, in one transaction: checks see the broken organisation or the repaired one.
     * The transaction holds the organisation's position, so its live projection waits meanwhile; held events beyond
     * the history are applied once it reaches them. Should the live projection have applied more than the history
     * holds, the repair is refused (409) rather than lose those events.
     */
    Uni<Repaired> repair(String organizationId, List<EnvironmentCloudEvent> history) {
        long last = history.isEmpty() ? 0 : history.get(history.size() - 1).revision();
        return Panache.withTransaction(() -> OrganizationPosition.<OrganizationPosition>findById(organizationId,
                        LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    if (found != null && found.revision > last) {
                        return Uni.createFrom().failure(new ApiException(409, "CONFLICT", "organisation "
                                + organizationId + " reached revision " + found.revision + " while its history was read"
                                + " up to " + last + "; repair it again", Map.of()));
                    }
                    if (found != null) {
                        found.revision = 0;
                    }
                    return deleteRows(organizationId)
                            .chain(() -> Multi.createFrom().iterable(history)
                                    .onItem().transformToUniAndConcatenate(event -> applyInTransaction(event, true))
                                    .collect().last())
                            .chain(() -> OrganizationPosition.<OrganizationPosition>findById(organizationId))
                            .map(position -> position == null ? 0L : position.revision);
                })
                .call(revision -> HeldEvent.delete("key.organizationId = ?1 and key.revision <= ?2", organizationId,
                        revision))
                .chain(revision -> broken.clear(organizationId)
                        .call(() -> announce(new Outcome(Result.APPLIED, organizationId, revision)))
                        .map(wasBroken -> new Repaired(organizationId, revision, history.size(), wasBroken))));
    }

    private static Uni<Void> deleteRows(String org) {
        return MemberRow.delete("organizationId", org)
                .chain(() -> TeamMemberRow.delete("organizationId", org))
                .chain(() -> TeamRow.delete("organizationId", org))
                .chain(() -> EnvironmentGroupRow.delete("organizationId", org))
                .chain(() -> GrantRow.delete("organizationId", org))
                .chain(() -> ApiKeyRow.delete("organizationId", org))
                .replaceWithVoid();
    }

    /** {@code live}: the live tables, not a shadow being rebuilt, whose gaps mark no organisation broken. */
    private Uni<Outcome> applyInTransaction(EnvironmentCloudEvent event, boolean live) {
        return OrganizationPosition.<OrganizationPosition>findById(event.organizationId(), LockModeType.PESSIMISTIC_WRITE)
                .chain(found -> {
                    OrganizationPosition position = found != null ? found : newPosition(event.organizationId());
                    if (event.revision() <= position.revision) {
                        return Uni.createFrom().item(new Outcome(Result.DUPLICATE, event.organizationId(), position.revision));
                    }
                    if (event.revision() > position.revision + 1) {
                        return hold(event, position, live);
                    }
                    return applyInOrder(event, position)
                            .chain(() -> drainHeld(position))
                            .chain(position::persist)
                            .map(ignored -> new Outcome(Result.APPLIED, event.organizationId(), position.revision));
                });
    }

    private static OrganizationPosition newPosition(String organizationId) {
        OrganizationPosition position = new OrganizationPosition();
        position.organizationId = organizationId;
        position.revision = 0;
        return position;
    }

    private Uni<Outcome> hold(EnvironmentCloudEvent event, OrganizationPosition position, boolean live) {
        LOG.warnf("gap in organisation %s: at revision %d, received %d (%s); held until the gap closes",
                event.organizationId(), position.revision, event.revision(), event.type());
        HeldEvent held = new HeldEvent();
        held.key = new HeldEvent.Key(event.organizationId(), event.revision());
        held.payload = event.json();
        held.receivedAt = Instant.now();
        return Panache.getSession()
                .chain(session -> session.merge(held))
                .chain(() -> live ? markIfTooManyHeld(position) : Uni.createFrom().voidItem())
                .map(ignored -> new Outcome(Result.HELD, event.organizationId(), position.revision));
    }

    /** Bounds what is held for a gap that may never close; {@link GapWatch} bounds how long. */
    private Uni<Void> markIfTooManyHeld(OrganizationPosition position) {
        return HeldEvent.count("key.organizationId", position.organizationId)
                .chain(count -> count < maxHeldEvents ? Uni.createFrom().voidItem()
                        : broken.mark(position.organizationId, -1, "gap: revision " + (position.revision + 1)
                                + " never arrived; " + count + " later events held").replaceWithVoid());
    }

    private Uni<Void> drainHeld(OrganizationPosition position) {
        return HeldEvent.<HeldEvent>findById(new HeldEvent.Key(position.organizationId, position.revision + 1))
                .chain(held -> {
                    if (held == null) {
                        return Uni.createFrom().voidItem();
                    }
                    EnvironmentCloudEvent next;
                    try {
                        next = reader.read(held.payload);
                    } catch (EnvironmentCloudEvent.RefusedEvent e) {
                        // Only events read without refusal are held.
                        return Uni.createFrom().failure(new IllegalStateException("a held event is refused", e));
                    }
                    LOG.infof("gap in organisation %s closed; applying held revision %d", position.organizationId, next.revision());
                    return held.delete().chain(() -> applyInOrder(next, position)).chain(() -> drainHeld(position));
                });
    }

    private Uni<Void> applyInOrder(EnvironmentCloudEvent event, OrganizationPosition position) {
        position.revision = event.revision();
        position.updatedAt = Instant.now();
        return AccessRules.changes(event, new AccessTableRows(event.organizationId()));
    }
}
