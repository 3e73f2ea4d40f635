package io.envguard.deployment.authz;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JWTs this process has verified, each kept until its {@code exp}: a caller repeats its token for the token's
 * whole lifetime, and parsing and verifying it on every call costs more CPU and garbage than the rest of a request.
 * Only the exact string that passed verification is a hit; a hit is refused from {@code exp} on, without the clock
 * skew verification allows. Who the caller is and what they may do is still asked of authz-service on every call.
 */
@ApplicationScoped
class VerifiedTokens {

    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
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

    boolean isVerified(String token) {
        Long expiresAt = expiries.get(token);
        if (expiresAt == null) {
            return false;
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            expiries.remove(token, expiresAt);
            return false;
        }
        return true;
    }

    void remember(String token, long expiresAtEpochSecond) {
        if (capacity <= 0 || expiresAtEpochSecond <= 0) {
            return;
        }
        if (expiries.size() >= capacity) {
            // Bounded by dropping everything: the next calls verify again, which is only slower.
            expiries.clear();
        }
        expiries.put(token, expiresAtEpochSecond);
    }

    int size() {
        return expiries.size();
    }
}
