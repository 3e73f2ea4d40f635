package io.envguard.edge.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWTs this process has verified, each kept until its {@code exp}.
 * <p>
 * A caller repeats its token for the token's whole lifetime, and a stream of changes (an automation granting and
 * revoking) presents it many times a second: parsing and verifying it on every call was most of a check's CPU and
 * garbage, and about a sixth of a change's. Only the exact token string that passed verification is a hit, so a token
 * changed by one byte is verified in full; a hit is refused from {@code exp} on (without the clock skew verification
 * allows). Only authentication is kept here: who the caller is in the organisation, and what they may do, is read anew
 * on every call.
 * <p>
 * Services that authenticate through Quarkus security keep the identity SmallRye JWT built ({@link #find},
 * {@link #remember(String, SecurityIdentity)}); deployment-service, which parses the token itself and asks authz-service
 * who the caller is, keeps only that the token passed ({@link #isVerified}, {@link #remember(String, long)}).
 */
@ApplicationScoped
public class VerifiedTokens {

    /** {@code identity} is null for a token kept as verified only. */
    private record Verified(SecurityIdentity identity, long expiresAtEpochSecond) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    @Inject
    VerifiedTokens(@ConfigProperty(name = "envguard.jwt.verified-cache-size", defaultValue = "10000") int capacity) {
        this(capacity, Clock.systemUTC());
    }

    VerifiedTokens(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The identity of a token verified before and not yet expired, or null. */
    public SecurityIdentity find(String token) {
        Verified hit = unexpired(token);
        return hit == null ? null : hit.identity();
    }

    /** Whether the token passed verification before and has not expired yet. */
    public boolean isVerified(String token) {
        return unexpired(token) != null;
    }

    /** Keeps the identity SmallRye JWT built for a token that passed verification. */
    public SecurityIdentity remember(String token, SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            keep(token, new Verified(identity, jwt.getExpirationTime()));
        }
        return identity;
    }

    /** Keeps that a token expiring at the given second passed verification. */
    public void remember(String token, long expiresAtEpochSecond) {
        keep(token, new Verified(null, expiresAtEpochSecond));
    }

    private Verified unexpired(String token) {
        Verified hit = verified.get(token);
        if (hit == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= hit.expiresAtEpochSecond()) {
            verified.remove(token, hit);
            return null;
        }
        return hit;
    }

    private void keep(String token, Verified entry) {
        if (capacity <= 0 || entry.expiresAtEpochSecond() <= 0) {
            return;
        }
        if (verified.size() >= capacity) {
            // Bounded by dropping everything: the next calls verify again, which is only slower.
            verified.clear();
        }
        verified.put(token, entry);
    }

    int size() {
        return verified.size();
    }
}
