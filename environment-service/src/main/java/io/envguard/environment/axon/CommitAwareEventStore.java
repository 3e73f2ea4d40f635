package io.envguard.environment.axon;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The embedded event store, told when an enclosing JTA transaction has committed events.
 * <p>
 * Axon wakes its tailing processors when its own unit of work commits; a command's events are committed later, with
 * the request's JTA transaction, so that wake-up finds nothing and the publisher would sleep out its fetch delay.
 * Waking it again after the real commit puts the events on Kafka at once.
 */
final class CommitAwareEventStore extends EmbeddedEventStore {

    CommitAwareEventStore(Builder builder) {
        super(builder);
    }

    void transactionCommitted() {
        afterCommit(List.of());
    }
}
