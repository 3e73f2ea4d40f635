package io.envguard.environment.organization;

import io.envguard.environment.organization.CommittedOrganizations.Committed;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.RepositoryProvider;

/**
 * The organisations' event-sourced repository, loading from {@link CommittedOrganizations} rather than replaying: a
 * command judges a copy of the organisation as last committed (checked current against the store), and its aggregate
 * becomes the committed one once the command's JTA transaction has committed. Snapshots are not taken here, in the
 * command, but in the background ({@link OrganizationSnapshots}).
 * <p>
 * Not Axon's {@code CachingEventSourcingRepository}: it trusts its cache under Axon's lock, which holds within one JVM
 * only, and never asks the store whether another instance has written since. With two instances writing one store, a
 * command would be judged against an old state (a grant refused for a member the other instance has just added, a
 * grant already held answered with an old revision); only a command that writes events is caught, by the store's
 * unique key. It also caches the aggregate the command changes before its transaction is known to commit.
 */
public final class CachingOrganizationRepository extends EventSourcingRepository<OrganizationAggregate> {

    private final EventStore eventStore;
    private final RepositoryProvider repositories;
    private final CommittedOrganizations committed;
    private final TransactionSynchronizationRegistry synchronizations;

    private CachingOrganizationRepository(Builder<OrganizationAggregate> builder, EventStore eventStore,
                                          RepositoryProvider repositories, CommittedOrganizations committed,
                                          TransactionSynchronizationRegistry synchronizations) {
        super(builder);
        this.eventStore = eventStore;
        this.repositories = repositories;
        this.committed = committed;
        this.synchronizations = synchronizations;
    }

    /** Wired as Axon's aggregate configuration wires its default repository. */
    public static CachingOrganizationRepository of(Configuration configuration, CommittedOrganizations committed,
                                                   TransactionSynchronizationRegistry synchronizations) {
        RepositoryProvider repositories = configuration::repository;
        Builder<OrganizationAggregate> builder = EventSourcingRepository.builder(OrganizationAggregate.class)
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(OrganizationAggregate.class))
                .eventStore(configuration.eventStore())
                .repositoryProvider(repositories);
        return new CachingOrganizationRepository(builder, configuration.eventStore(), repositories, committed,
                synchronizations);
    }

    @Override
    protected EventSourcedAggregate<OrganizationAggregate> doLoadWithLock(String organizationId, Long expectedVersion) {
        Committed current = committed.current(organizationId).orElseThrow(
                () -> new AggregateNotFoundException(organizationId, "no such organization"));
        return EventSourcedAggregate.reconstruct(current.aggregate().copy(), aggregateModel(), current.sequence(),
                false, eventStore, repositories, NoSnapshotTriggerDefinition.TRIGGER);
    }

    /** As the command's unit of work commits, inside its JTA transaction: the aggregate counts once that commits. */
    @Override
    protected void doSaveWithLock(EventSourcedAggregate<OrganizationAggregate> aggregate) {
        String organizationId = aggregate.identifierAsString();
        OrganizationAggregate root = aggregate.getAggregateRoot();
        long sequence = aggregate.version();
        synchronizations.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed.committed(organizationId, root, sequence);
                }
            }
        });
    }
}
