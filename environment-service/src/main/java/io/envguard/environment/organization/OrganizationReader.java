package io.envguard.environment.organization;

import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an organisation straight from its events in the event store: always as current as the last committed change,
 * and able to stop at any instant of the past. The current state of recently read organisations is kept and brought
 * up to date with only the events appended since, which the store is always asked for (so several instances of the
 * service never answer from each other's past).
 */
@ApplicationScoped
public class OrganizationReader {

    private static final int CACHED_ORGANIZATIONS = 1_000;

    private final RunningAxon axon;
    private final Map<String, OrganizationState> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, OrganizationState> eldest) {
                    return size() > CACHED_ORGANIZATIONS;
                }
            });

    OrganizationReader(RunningAxon axon) {
        this.axon = axon;
    }

    /** The organisation now; 404 when it does not exist. */
    public OrganizationState current(String organizationId) {
        OrganizationState cached = recent.get(organizationId);
        OrganizationState state = cached == null ? new OrganizationState() : cached.copy();
        DomainEventStream events = axon.eventStore().readEvents(organizationId, state.revision());
        while (events.hasNext()) {
            apply(state, events.next());
        }
        requireExists(state);
        OrganizationState snapshot = state.copy();
        recent.merge(organizationId, snapshot, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
        return state;
    }

    /** The organisation as it was at {@code instant}. */
    public OrganizationState asOf(String organizationId, Instant instant) {
        OrganizationState state = new OrganizationState();
        replay(organizationId, message -> {
            if (!message.getTimestamp().isAfter(instant)) {
                apply(state, message);
            }
        });
        requireExists(state);
        return state;
    }

    /** Every event of the organisation, oldest first (from the first event: never from a snapshot). */
    public void replay(String organizationId, Consumer<DomainEventMessage<?>> consumer) {
        DomainEventStream events = axon.eventStore().readEvents(organizationId, 0);
        while (events.hasNext()) {
            consumer.accept(events.next());
        }
    }

    private static void apply(OrganizationState state, DomainEventMessage<?> message) {
        state.apply((EnvironmentEvent) message.getPayload(), message.getSequenceNumber() + 1, message.getTimestamp());
    }

    private static void requireExists(OrganizationState state) {
        if (state.organizationId() == null) {
            throw DomainException.notFound("no such organization");
        }
    }
}
