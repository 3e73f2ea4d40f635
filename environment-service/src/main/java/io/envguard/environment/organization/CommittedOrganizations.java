package io.envguard.environment.organization;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.envguard.contract.event.EnvironmentEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The organisations as last committed, kept in memory, so that neither a command nor a read rebuilds an organisation
 * from its snapshot and events each time: a 5,000-member organisation's snapshot is 1.5 MB of JSON, 100–300 ms to read.
 * <p>
 * Never used stale. Before an entry is used, the store is asked for the organisation's last sequence number (an
 * index-only look-up); an entry behind it is brought up to date with the events after it. Other instances of the
 * service write the same store, so this look-up, not anything known in memory, is what makes an entry current. A
 * command judged on an entry that was current when looked up but is overtaken before the command commits is refused
 * by the store's unique (organisation, sequence number) and sent again ({@link OrganizationCommands}).
 * <p>
 * An entry never changes once published: a command works on a copy, which becomes the entry when its transaction has
 * committed ({@link #committed}); reads share the entry. An organisation not in memory is loaded once: one thread reads
 * its latest snapshot and the events after it, the others asking meanwhile wait for it. At most
 * {@code envguard.organization-cache.max-organizations} are kept; beyond that Caffeine evicts those least likely to be
 * asked for again (by how recently and how often they were).
 */
@ApplicationScoped
public class CommittedOrganizations {

    /**
     * An organisation as committed at {@code sequence}, which nobody changes. {@code snapshotSequence}: where its latest
     * snapshot known here was taken, -1 if none is.
     */
    public record Committed(OrganizationAggregate aggregate, long sequence, long snapshotSequence) {

        /** Shared with every reader: read it, never change it. */
        public OrganizationState state() {
            return aggregate.state();
        }
    }

    private final RunningAxon axon;
    private final OrganizationSnapshots snapshots;
    private final Cache<String, Committed> entries;
    private final KeyedLocks loading = new KeyedLocks();
    private final Counter hits;
    private final Counter caughtUp;
    private final Counter loaded;

    @Inject
    CommittedOrganizations(RunningAxon axon, OrganizationSnapshots snapshots, MeterRegistry registry,
                           @ConfigProperty(name = "envguard.organization-cache.max-organizations") int maxOrganizations) {
        this.axon = axon;
        this.snapshots = snapshots;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxOrganizations)
                // evictions on the callers' threads, as they happen, rather than later on a common pool
                .executor(Runnable::run)
                .build();
        String name = "envguard.organization.cache";
        String description = "organisations asked for: in memory and current, brought up to date with the events after"
                + " the entry, or loaded from the snapshot and events";
        this.hits = Counter.builder(name).tag("result", "hit").description(description).register(registry);
        this.caughtUp = Counter.builder(name).tag("result", "caught_up").description(description).register(registry);
        this.loaded = Counter.builder(name).tag("result", "loaded").description(description).register(registry);
        Gauge.builder(name + ".size", entries, Cache::estimatedSize)
                .description("organisations kept in memory").register(registry);
    }

    /** The organisation as last committed in the store; empty when it has no events. */
    public Optional<Committed> current(String organizationId) {
        long latest = axon.eventStore().lastSequenceNumberFor(organizationId).orElse(-1L);
        if (latest < 0) {
            return Optional.empty();
        }
        Committed entry = entries.getIfPresent(organizationId);
        if (entry != null && entry.sequence() == latest) {
            hits.increment();
            return Optional.of(entry);
        }
        return Optional.of(loading.withLock(organizationId, () -> upTo(organizationId, latest)));
    }

    /** Under the organisation's loading lock: what those who waited for it find done. */
    private Committed upTo(String organizationId, long latest) {
        Committed entry = entries.getIfPresent(organizationId);
        if (entry != null && entry.sequence() >= latest) {
            hits.increment();
            return entry;
        }
        Committed current = entry == null ? load(organizationId) : catchUp(organizationId, entry);
        return publish(organizationId, current);
    }

    /** A command's aggregate, once its transaction has committed at {@code sequence}: the entry from now on. */
    void committed(String organizationId, OrganizationAggregate aggregate, long sequence) {
        Committed previous = entries.getIfPresent(organizationId);
        publish(organizationId, new Committed(aggregate, sequence,
                previous == null ? -1 : previous.snapshotSequence()));
    }

    /** Keeps the newer of {@code candidate} and the entry; takes a snapshot of it when one is due. */
    private Committed publish(String organizationId, Committed candidate) {
        Committed entry = candidate;
        if (snapshots.due(entry)) {
            snapshots.write(organizationId, entry);
            entry = new Committed(entry.aggregate(), entry.sequence(), entry.sequence());
        }
        return entries.asMap().merge(organizationId, entry,
                (old, fresh) -> fresh.sequence() > old.sequence() ? fresh : old);
    }

    private Committed catchUp(String organizationId, Committed entry) {
        OrganizationAggregate aggregate = entry.aggregate().copy();
        long sequence = apply(aggregate, axon.eventStore().readEvents(organizationId, entry.sequence() + 1),
                entry.sequence());
        caughtUp.increment();
        return new Committed(aggregate, sequence, entry.snapshotSequence());
    }

    private Committed load(String organizationId) {
        // the latest snapshot (when one can be read), then the events after it
        DomainEventStream events = axon.eventStore().readEvents(organizationId);
        OrganizationAggregate aggregate = new OrganizationAggregate();
        long sequence = -1;
        if (events.hasNext() && events.peek().getPayload() instanceof OrganizationAggregate snapshot) {
            aggregate = snapshot;
            sequence = events.next().getSequenceNumber();
        }
        long snapshotSequence = sequence;
        sequence = apply(aggregate, events, sequence);
        loaded.increment();
        return new Committed(aggregate, sequence, snapshotSequence);
    }

    private static long apply(OrganizationAggregate aggregate, DomainEventStream events, long sequence) {
        long last = sequence;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            aggregate.on((EnvironmentEvent) event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
            last = event.getSequenceNumber();
        }
        return last;
    }

    /**
     * Drops the organisation from memory, so that its next use loads it from its latest snapshot and the events after
     * it: for a store changed beneath the service, as the tests of loading do.
     */
    public void forget(String organizationId) {
        entries.invalidate(organizationId);
    }

    /** Organisations kept now, after pending evictions. */
    long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
