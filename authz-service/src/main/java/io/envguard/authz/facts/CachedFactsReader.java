package io.envguard.authz.facts;

import io.envguard.authz.consistency.AccessTableListener;
import io.envguard.authz.consistency.ProjectedRevisions;
import io.envguard.authz.consistency.ReplicaLeases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the last snapshot of each organisation (of as many as {@link FactsSnapshots} holds) and serves it for as long
 * as its revision is the one this process has projected. The projection moves the revision after each commit, so a
 * changed organisation is reloaded on its next check: never older than what a caller that waited for a revision has been told. A broken mark changes no revision,
 * so marking or repairing an organisation drops its snapshot instead. Only while this replica's lease runs
 * ({@link ReplicaLeases}): without it, every read goes to the table.
 */
@ApplicationScoped
public class CachedFactsReader implements FactsReader, AccessTableListener {

    private final Vertx vertx;
    private final Counter loads;
    private final StoredFacts stored;
    private final ProjectedRevisions revisions;
    private final ReplicaLeases leases;
    private final FactsSnapshots snapshots;
    /**
     * The load under way of each organisation missing from memory: the checks that miss it meanwhile join it rather than
     * each read the table. After a start every organisation is missing, and a large one (5,000 members) asked about
     * by many checks at once was read by each of them, over and over: 500 checks a second for half a minute at 1M events.
     * What this process knew when a load began tells whether a later caller may take its result.
     */
    private final ConcurrentHashMap<String, Load> loading = new ConcurrentHashMap<>();

    private record Load(long generation, long forgotten, CompletableFuture<OrganizationFacts> facts) {
    }

    /** How often each organisation was marked broken or repaired, as heard by this process. */
    private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();

    public CachedFactsReader(Vertx vertx, StoredFacts stored, ProjectedRevisions revisions, ReplicaLeases leases,
                             FactsSnapshots snapshots, MeterRegistry registry) {
        this.vertx = vertx;
        this.loads = Counter.builder("envguard.facts.loads")
                .description("organisations read from the access table to be kept in memory; the checks that miss one"
                        + " while it is read wait for that read")
                .register(registry);
        this.stored = stored;
        this.revisions = revisions;
        this.leases = leases;
        this.snapshots = snapshots;
    }

    @Override
    public Uni<OrganizationFacts> read(String organizationId) {
        if (!leases.answersFromMemory()) {
            // This replica may have missed a change: the table is the truth, and nothing read now is kept.
            return stored.load(organizationId);
        }
        OrganizationFacts cached = cachedCurrent(organizationId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long generation = generations.getOrDefault(organizationId, 0L);
        long forgotten = revisions.generation();
        long projected = revisions.current(organizationId);
        if (projected < 0) {
            // What this caller must see is not known: only a read that begins now will do.
            return loadAndKeep(organizationId, generation, forgotten);
        }
        Load load = loading.computeIfAbsent(organizationId, id -> shared(id, generation, forgotten));
        if (load.generation() != generation || load.forgotten() != forgotten) {
            // Begun before the organisation was marked or repaired, or before this replica forgot what it knew: it may
            // miss what this caller must see.
            return loadAndKeep(organizationId, generation, forgotten);
        }
        // A copy per caller: a caller that gives up cancels its copy, never the load the others wait for.
        Uni<OrganizationFacts> joined = Uni.createFrom().completionStage(load.facts().copy());
        Context caller = Vertx.currentContext();
        if (caller != null) { // continue on the caller's context: the load completes on its own
            joined = joined.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        }
        // Perhaps begun before this call: good for it only if it read at least the revision projected when it was made.
        return joined.chain(loaded -> loaded.revision() >= projected ? Uni.createFrom().item(loaded)
                : loadAndKeep(organizationId, generation, forgotten));
    }

    /** A load shared by the callers that miss the organisation meanwhile, on a context of its own, not any caller's. */
    private Load shared(String organizationId, long generation, long forgotten) {
        Load load = new Load(generation, forgotten, new CompletableFuture<>());
        Context own = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(own, true);
        own.runOnContext(ignored -> loadAndKeep(organizationId, generation, forgotten).subscribe().with(
                facts -> {
                    loading.remove(organizationId, load);
                    load.facts().complete(facts);
                },
                failure -> {
                    loading.remove(organizationId, load);
                    load.facts().completeExceptionally(failure);
                }));
        return load;
    }

    /** Reads the organisation from the table and keeps it, unless what this replica knew changed meanwhile. */
    private Uni<OrganizationFacts> loadAndKeep(String organizationId, long generation, long forgotten) {
        loads.increment();
        return stored.load(organizationId).invoke(loaded -> {
            if (revisions.generation() != forgotten) {
                return; // read before this replica forgot what it knew: it may predate a change it did not hear of
            }
            // A snapshot read before the organisation was marked broken or repaired must not be kept: its revision
            // would pass it as current.
            if (generations.getOrDefault(organizationId, 0L) == generation) {
                snapshots.merge(organizationId, loaded, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
            }
            revisions.reached(organizationId, loaded.revision());
        });
    }

    @Override
    public OrganizationFacts currentNow(String organizationId) {
        return leases.answersFromMemory() ? cachedCurrent(organizationId) : null;
    }

    /** The snapshot, when it is as recent as what this process has projected. */
    private OrganizationFacts cachedCurrent(String organizationId) {
        OrganizationFacts cached = snapshots.get(organizationId);
        long projected = revisions.current(organizationId);
        return cached != null && projected >= 0 && cached.revision() >= projected ? cached : null;
    }

    @Override
    public void accessTableReplaced() {
        snapshots.clear();
    }

    @Override
    public void organizationChanged(String organizationId) {
        generations.merge(organizationId, 1L, Long::sum);
        snapshots.remove(organizationId);
    }
}
