package io.envguard.authz.facts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BinaryOperator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The organisations' snapshots that checks are answered from, at most {@code envguard.check.facts-cache-size} of them:
 * beyond that the least useful are evicted (Caffeine's W-TinyLFU: an organisation asked about rarely does not push out
 * those asked about often), and an evicted organisation is read again from the table on its next check. Memory stays
 * bounded however many organisations the platform holds. Hits, misses, evictions and size are metrics
 * ({@code cache_gets_total{cache="access-facts",result="hit|miss"}}, ...), and so is the hit ratio since startup
 * ({@code envguard_facts_cache_hit_ratio}).
 */
@ApplicationScoped
public class FactsSnapshots {

    static final String NAME = "access-facts";

    private final Cache<String, OrganizationFacts> cache;

    public FactsSnapshots(@ConfigProperty(name = "envguard.check.facts-cache-size") long maximumSize,
                          MeterRegistry registry) {
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, cache, NAME);
        Gauge.builder("envguard.facts.cache.hit.ratio", cache, c -> c.stats().hitRate())
                .description("share of checks answered from a cached snapshot of their organisation, since startup")
                .register(registry);
    }

    /** The snapshot of the organisation, or null; counted as a hit or a miss. */
    OrganizationFacts get(String organizationId) {
        return cache.getIfPresent(organizationId);
    }

    void merge(String organizationId, OrganizationFacts facts, BinaryOperator<OrganizationFacts> keep) {
        cache.asMap().merge(organizationId, facts, keep);
    }

    void remove(String organizationId) {
        cache.invalidate(organizationId);
    }

    void clear() {
        cache.invalidateAll();
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
