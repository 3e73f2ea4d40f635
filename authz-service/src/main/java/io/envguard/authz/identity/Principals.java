package io.envguard.authz.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.envguard.authz.consistency.AccessTableListener;
import io.envguard.authz.facts.FactsReader;
import io.envguard.authz.facts.OrganizationFacts;
import io.envguard.authz.projection.MemberRow;
import io.envguard.edge.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Resolves a caller to a principal from the access table: JWT email → member, API key → its user. */
@ApplicationScoped
public class Principals implements AccessTableListener {

    private final FactsReader facts;
    /**
     * Where each email was last seen: at most {@code envguard.check.identity-cache-size} of them, the least used evicted
     * first, so that memory does not grow with the platform's users. An evicted email is looked up in the table again.
     */
    private final Cache<String, String> organizationsByEmail;

    public Principals(FactsReader facts, @ConfigProperty(name = "envguard.check.identity-cache-size") long maximumSize,
                      MeterRegistry registry) {
        this.facts = facts;
        this.organizationsByEmail = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
        CaffeineCacheMetrics.monitor(registry, organizationsByEmail, "email-organizations");
    }

    /**
     * Who the caller is in their organisation. A broken organisation's facts may miss a removal or a demotion, and the
     * other services scope what they show by the principal's teams: 503 rather than answer from them.
     */
    public Uni<Principal> resolve(Caller caller) {
        return organizationOf(caller).chain(org -> org == null
                ? Uni.createFrom().item(outsider(caller))
                : facts.read(org).map(f -> within(caller, f.decidable())));
    }

    /** The caller's user id within the organisation's facts, or null when they are not its member. */
    public static String userIdIn(Caller caller, OrganizationFacts facts) {
        if (caller.credential() == Principal.Credential.API_KEY) {
            if (facts.organizationId().equals(caller.organizationId()) && facts.apiKeyUser(caller.apiKeyPrefix()) == null) {
                // Deleted after this request authenticated: the key must not act any more.
                throw ApiException.unauthenticated("the API key was deleted");
            }
            return facts.member(caller.userId()) == null ? null : caller.userId();
        }
        OrganizationFacts.Member member = facts.memberByEmail(caller.email());
        return member == null ? null : member.userId();
    }

    private Uni<String> organizationOf(Caller caller) {
        if (caller.credential() == Principal.Credential.API_KEY) {
            return Uni.createFrom().item(caller.organizationId());
        }
        // Where the email was last seen is only a hint: it counts while that organisation's current facts agree.
        String hint = organizationsByEmail.getIfPresent(caller.email());
        Uni<String> confirmed = hint == null ? Uni.createFrom().nullItem()
                : facts.read(hint).map(f -> f.memberByEmail(caller.email()) != null ? hint : null);
        return confirmed.chain(org -> org != null ? Uni.createFrom().item(org) : storedOrganizationOf(caller.email()));
    }

    private Uni<String> storedOrganizationOf(String email) {
        // A user belongs to at most one organisation; while a move between two is being projected, the later row wins.
        return Panache.withSession(() -> MemberRow.<MemberRow>find("email = ?1 order by id desc", email).firstResult())
                .map(member -> {
                    if (member == null) {
                        organizationsByEmail.invalidate(email);
                        return null;
                    }
                    organizationsByEmail.put(email, member.organizationId);
                    return member.organizationId;
                });
    }

    @Override
    public void accessTableReplaced() {
        organizationsByEmail.invalidateAll();
    }

    private static Principal within(Caller caller, OrganizationFacts facts) {
        String userId = userIdIn(caller, facts);
        OrganizationFacts.Member member = facts.member(userId);
        if (member == null) {
            return outsider(caller);
        }
        return new Principal(member.userId(), member.email(), member.name(), facts.organizationId(),
                facts.defaultTeamId(), member.role(), facts.teamsOf(member.userId()), facts.revision(),
                caller.credential(), caller.apiKeyPrefix());
    }

    private static Principal outsider(Caller caller) {
        if (caller.credential() == Principal.Credential.API_KEY) {
            // A key outlives nothing: its user left, so it was deleted with them.
            throw ApiException.unauthenticated("the API key's user is not a member");
        }
        return new Principal(null, caller.email(), caller.name(), null, null, null, List.of(), null,
                caller.credential(), null);
    }
}
