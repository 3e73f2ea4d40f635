package io.envguard.authz.check;

import io.envguard.authz.projection.AccessTableListener;
import io.envguard.authz.projection.ProjectedRevisions;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the last snapshot of each organisation and serves it for as long as its revision is the one this process has
 * projected. The projection moves the revision after each commit, so a changed organisation is reloaded on its next
 * check: never older than what a caller that waited for a revision has been told.
 */
@ApplicationScoped
public class CachedFactsReader implements FactsReader, AccessTableListener {

    private final StoredFacts stored;
    private final ProjectedRevisions revisions;
    private final ConcurrentHashMap<String, OrganizationFacts> snapshots = new ConcurrentHashMap<>();

    public CachedFactsReader(StoredFacts stored, ProjectedRevisions revisions) {
        this.stored = stored;
        this.revisions = revisions;
    }

    @Override
    public Uni<OrganizationFacts> read(String organizationId) {
        OrganizationFacts cached = snapshots.get(organizationId);
        long projected = revisions.current(organizationId);
        if (cached != null && projected >= 0 && cached.revision() >= projected) {
            return Uni.createFrom().item(cached);
        }
        return stored.load(organizationId).invoke(loaded -> {
            snapshots.merge(organizationId, loaded, (old, fresh) -> fresh.revision() >= old.revision() ? fresh : old);
            revisions.reached(organizationId, loaded.revision());
        });
    }

    @Override
    public void accessTableReplaced() {
        snapshots.clear();
    }
}
