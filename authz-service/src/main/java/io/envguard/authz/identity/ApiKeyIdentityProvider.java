package io.envguard.authz.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.envguard.authz.consistency.AccessTableListener;
import io.envguard.authz.facts.FactsReader;
import io.envguard.authz.facts.OrganizationFacts;
import io.envguard.authz.projection.ApiKeyRow;
import io.envguard.edge.identity.ApiKeyAuthenticationRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns an API key into the identity of its user. Whether the key is still alive is always answered by the current
 * facts of its organisation, so a deletion counts from the revision that projected it; what never changes about a key
 * (its owner and hash) is remembered to spare the database a read per request.
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest>, AccessTableListener {

    static final String ORGANIZATION = "organization_id";
    static final String PREFIX = "api_key_prefix";

    private record KnownKey(String organizationId, String userId, String secretSha256) {
    }

    private final FactsReader facts;
    /** At most {@code envguard.check.identity-cache-size} keys, the least used evicted first and read again when used. */
    private final Cache<String, KnownKey> known;

    public ApiKeyIdentityProvider(FactsReader facts,
                                  @ConfigProperty(name = "envguard.check.identity-cache-size") long maximumSize,
                                  MeterRegistry registry) {
        this.facts = facts;
        this.known = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, known, "api-keys");
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return find(request.prefix())
                .chain(key -> {
                    requireMatch(request, key);
                    return facts.read(key.organizationId()).map(current -> identity(request, key, current));
                });
    }

    /**
     * The identity {@link #authenticate} would give, when the key and its organisation's current facts are in memory;
     * null when either would have to be read, or when the key is refused ({@link #authenticate} refuses it).
     */
    public SecurityIdentity knownNow(ApiKeyAuthenticationRequest request) {
        KnownKey key = known.getIfPresent(request.prefix());
        OrganizationFacts current = key == null ? null : facts.currentNow(key.organizationId());
        if (current == null) {
            return null;
        }
        try {
            requireMatch(request, key);
            return identity(request, key, current);
        } catch (AuthenticationFailedException refused) {
            return null;
        }
    }

    private static void requireMatch(ApiKeyAuthenticationRequest request, KnownKey key) {
        if (key == null || !ApiKeys.matches(request.key(), key.secretSha256())) {
            throw new AuthenticationFailedException("unknown API key");
        }
    }

    private static SecurityIdentity identity(ApiKeyAuthenticationRequest request, KnownKey key,
                                             OrganizationFacts current) {
        if (!key.userId().equals(current.apiKeyUser(request.prefix()))) {
            throw new AuthenticationFailedException("deleted API key");
        }
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.userId()))
                .addAttribute(ORGANIZATION, key.organizationId())
                .addAttribute(PREFIX, request.prefix())
                .build();
    }

    private Uni<KnownKey> find(String prefix) {
        KnownKey cached = known.getIfPresent(prefix);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> ApiKeyRow.<ApiKeyRow>findById(prefix)).map(row -> {
            if (row == null) {
                return null;
            }
            KnownKey key = new KnownKey(row.organizationId, row.userId, row.secretSha256);
            known.put(prefix, key);
            return key;
        });
    }

    @Override
    public void accessTableReplaced() {
        known.invalidateAll();
    }
}
