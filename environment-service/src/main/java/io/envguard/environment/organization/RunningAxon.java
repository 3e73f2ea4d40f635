package io.envguard.environment.organization;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What the organisation's commands and reads need of the running Axon configuration: the gateway that sends commands
 * to {@link OrganizationAggregate} and the event store its events are read from. The configuration is built around
 * this package's aggregate ({@code axon.AxonRuntime} implements this), so the organisation asks for it through this
 * interface rather than depending on the wiring that depends on it.
 */
public interface RunningAxon {

    /** Fails when Axon is not started yet. */
    CommandGateway commandGateway();

    /** Fails when Axon is not started yet. */
    EventStore eventStore();
}
