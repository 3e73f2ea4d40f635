package io.envguard.edge.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void onlyTheExactTokenThatPassedVerificationIsAHit() {
        VerifiedTokens tokens = new VerifiedTokens(10, Clock.fixed(NOW, ZoneOffset.UTC));
        SecurityIdentity identity = identityExpiringAt(NOW.plusSeconds(60));
        tokens.remember("header.payload.signature", identity);

        assertSame(identity, tokens.find("header.payload.signature"));
        assertNull(tokens.find("header.payload.signaturf"));
        assertNull(tokens.find("header.payload.signature "));
    }

    @Test
    void aTokenIsNoLongerAHitFromItsExpiryOn() {
        SecurityIdentity identity = identityExpiringAt(NOW.plusSeconds(60));

        VerifiedTokens beforeExpiry = new VerifiedTokens(10, Clock.fixed(NOW.plusSeconds(59), ZoneOffset.UTC));
        beforeExpiry.remember("t", identity);
        assertSame(identity, beforeExpiry.find("t"));

        VerifiedTokens atExpiry = new VerifiedTokens(10, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));
        atExpiry.remember("t", identity);
        assertNull(atExpiry.find("t"));
        assertEquals(0, atExpiry.size(), "an expired token is dropped");
    }

    @Test
    void theCacheNeverHoldsMoreThanItsCapacity() {
        VerifiedTokens tokens = new VerifiedTokens(3, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 10; i++) {
            tokens.remember("token-" + i, identityExpiringAt(NOW.plusSeconds(60)));
            assertTrue(tokens.size() <= 3, "size " + tokens.size());
        }
        assertNull(tokens.find("token-0"));
    }

    @Test
    void anIdentityWithoutExpiryOrACapacityOfZeroIsNotKept() {
        VerifiedTokens tokens = new VerifiedTokens(10, Clock.fixed(NOW, ZoneOffset.UTC));
        tokens.remember("anonymous", QuarkusSecurityIdentity.builder().setAnonymous(true).build());
        assertNull(tokens.find("anonymous"));

        VerifiedTokens off = new VerifiedTokens(0, Clock.fixed(NOW, ZoneOffset.UTC));
        off.remember("t", identityExpiringAt(NOW.plusSeconds(60)));
        assertNull(off.find("t"));
    }

    private static SecurityIdentity identityExpiringAt(Instant expiry) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("user");
        claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        return QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(claims)).build();
    }
}
