package io.envguard.environment.organization;

import io.envguard.environment.organization.CommittedOrganizations.Committed;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Snapshots of the organisations, one every {@code envguard.snapshot.every} events, written in the background from
 * the committed organisation kept in memory: no command waits for one (a large organisation's takes 100 ms or more to
 * serialise and store) and nothing is replayed to take one. One writer thread; an organisation waiting for its snapshot
 * is written once, at its latest committed state. A snapshot only shortens loading an organisation, whose events stay
 * the truth: one that fails (another instance stored the same one, the service is stopping) is skipped.
 */
@ApplicationScoped
public class OrganizationSnapshots {

    /** The aggregate type Axon records with an organisation's events and snapshots. */
    public static final String AGGREGATE_TYPE = OrganizationAggregate.class.getSimpleName();
    private static final Logger LOG = Logger.getLogger(OrganizationSnapshots.class);

    private final RunningAxon axon;
    private final int every;
    private final ConcurrentHashMap<String, Committed> waiting = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "organization-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    OrganizationSnapshots(RunningAxon axon, @ConfigProperty(name = "envguard.snapshot.every") int every) {
        this.axon = axon;
        this.every = every;
    }

    /** Whether the organisation has gone {@code envguard.snapshot.every} events or more without a snapshot. */
    boolean due(Committed organization) {
        return due(organization.sequence(), organization.snapshotSequence(), every);
    }

    /**
     * The rule, also for whatever writes an organisation's events in bulk: a snapshot at {@code sequence} is due when the
     * last one was taken at {@code snapshotSequence} (-1: none) {@code every} events or more before.
     */
    public static boolean due(long sequence, long snapshotSequence, int every) {
        return sequence - snapshotSequence >= every;
    }

    void write(String organizationId, Committed organization) {
        if (waiting.put(organizationId, organization) == null) {
            writer.execute(() -> store(organizationId, waiting.remove(organizationId)));
        }
    }

    private void store(String organizationId, Committed organization) {
        try {
            axon.eventStore().storeSnapshot(new GenericDomainEventMessage<>(AGGREGATE_TYPE, organizationId,
                    organization.sequence(), organization.aggregate()));
        } catch (RuntimeException e) {
            LOG.warnf("no snapshot of organization %s at sequence %d: %s", organizationId, organization.sequence(),
                    e.toString());
        }
    }

    @PreDestroy
    void stop() {
        writer.shutdownNow();
    }
}
