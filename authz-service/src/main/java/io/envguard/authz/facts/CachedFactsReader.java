package io.envguard.authz.facts;

import io.envguard.authz.consistency.AccessTableListener;
import io.envguard.authz.consistency.ProjectedRevisions;
import io.envguard.authz.consistency.ReplicaLeases;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final StoredFacts stored;
    private final ProjectedRevisions revisions;
    private final ReplicaLeases leases;
    private final FactsSnapshots snapshots;
    /** How often each organisation was marked broken or repaired, as heard by this process. */
    private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();

    public CachedFactsReader(StoredFacts stored, ProjectedRevisions revisions, ReplicaLeases leases,
                             FactsSnapshots snapshots) {
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
