package io.envguard.environment.organization;

import io.envguard.contract.event.EnvironmentEvent;
import io.envguard.environment.error.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Reads an organisation: now, as last committed ({@link CommittedOrganizations}: kept in memory and checked against
 * the store, so several instances of the service never answer from each other's past), or straight from its events,
 * at any instant of the past.
 */
@ApplicationScoped
public class OrganizationReader {

    private final RunningAxon axon;
    private final CommittedOrganizations organizations;

    OrganizationReader(RunningAxon axon, CommittedOrganizations organizations) {
        this.axon = axon;
        this.organizations = organizations;
    }

    /** The organisation now, shared with every other reader: read it, never change it; 404 when it does not exist. */
    public OrganizationState current(String organizationId) {
        return organizations.current(organizationId).map(CommittedOrganizations.Committed::state)
                .orElseThrow(() -> DomainException.notFound("no such organization"));
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
