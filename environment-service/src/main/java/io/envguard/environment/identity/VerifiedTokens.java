package io.envguard.environment.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The identities of JWTs this process has verified, kept until each token's {@code exp}.
 * <p>
 * Callers repeat their token for its whole lifetime, and a stream of changes (an automation granting and revoking)
 * presents it many times a second: parsing and verifying it every time was about a sixth of a change's CPU. Only the
 * exact token string that passed verification is a hit, so a token changed by one byte is verified in full; a hit is
 * refused once {@code exp} has passed (without the clock skew verification allows). Only authentication is kept
 * here: who the user is in the organisation, and what they may do, is read anew on every call.
 */
@ApplicationScoped
public class VerifiedTokens {

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
        Verified hit = verified.get(token);
        if (hit == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= hit.expiresAtEpochSecond()) {
            verified.remove(token, hit);
            return null;
        }
        return hit.identity();
    }

    /** Keeps the identity SmallRye JWT built for a token that passed verification. */
    public SecurityIdentity remember(String token, SecurityIdentity identity) {
        if (capacity > 0 && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            if (verified.size() >= capacity) {
                // Bounded by dropping everything: the next calls verify again, which is only slower.
                verified.clear();
            }
            verified.put(token, new Verified(identity, jwt.getExpirationTime()));
        }
        return identity;
    }

    int size() {
        return verified.size();
    }
}
