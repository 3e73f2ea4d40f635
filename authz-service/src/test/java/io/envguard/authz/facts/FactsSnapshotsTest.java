package io.envguard.authz.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FactsSnapshotsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FactsSnapshots snapshots = new FactsSnapshots(100, registry);

    @Test
    void theCacheHoldsNoMoreOrganisationsThanItsLimit() {
        for (int i = 0; i < 5_000; i++) {
            snapshots.merge("org-" + i, OrganizationFacts.empty("org-" + i, 1, null), (old, fresh) -> fresh);
        }
        assertTrue(snapshots.size() <= 100, "at most 100 snapshots, not " + snapshots.size());
    }

    @Test
    void theHitRatioIsAMetric() {
        snapshots.merge("org-a", OrganizationFacts.empty("org-a", 1, null), (old, fresh) -> fresh);
        assertNotNull(snapshots.get("org-a"));
        assertNotNull(snapshots.get("org-a"));
        assertNotNull(snapshots.get("org-a"));
        assertEquals(null, snapshots.get("org-b"));
        assertEquals(0.75, registry.get("envguard.facts.cache.hit.ratio").gauge().value(), 1e-9);
        assertEquals(3.0, registry.get("cache.gets").tag("cache", FactsSnapshots.NAME).tag("result", "hit")
                .functionCounter().count(), 1e-9);
    }

    @Test
    void aRemovedOrganisationIsReadAgain() {
        snapshots.merge("org-a", OrganizationFacts.empty("org-a", 1, null), (old, fresh) -> fresh);
        snapshots.remove("org-a");
        assertEquals(null, snapshots.get("org-a"));
    }
}
