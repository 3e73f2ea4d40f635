package io.envguard.environment.organization;

import io.envguard.environment.axon.AxonRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads an organisation straight from its events in the event store: always as current as the last committed change,
 * and able to stop at any instant of the past.
 */
@ApplicationScoped
public class OrganizationReader {

    private final AxonRuntime axon;

    OrganizationReader(AxonRuntime axon) {
        this.axon = axon;
    }

    /** The organisation now; 404 when it does not exist. */
    public OrganizationState current(String organizationId) {
        return asOf(organizationId, null);
    }

    /** The organisation as it was at {@code instant} (null: now). */
    public OrganizationState asOf(String organizationId, Instant instant) {
        OrganizationState state = new OrganizationState();
        replay(organizationId, message -> {
            if (instant == null || !message.getTimestamp().isAfter(instant)) {
                state.apply((OrganizationEvent) message.getPayload(), message.getSequenceNumber() + 1,
                        message.getTimestamp());
            }
        });
        if (state.organizationId() == null) {
            throw DomainException.notFound("no such organization");
        }
        return state;
    }

    /** Every event of the organisation, oldest first. */
    public void replay(String organizationId, Consumer<DomainEventMessage<?>> consumer) {
        DomainEventStream events = axon.eventStore().readEvents(organizationId);
        while (events.hasNext()) {
            consumer.accept(events.next());
        }
    }
}
