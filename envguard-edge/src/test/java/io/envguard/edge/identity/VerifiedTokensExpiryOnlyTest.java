package io.envguard.edge.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The use that keeps only that a token passed, as deployment-service does. */
class VerifiedTokensExpiryOnlyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void onlyTheExactTokenIsVerifiedAndOnlyUntilItsExpiry() {
        long expiry = NOW.getEpochSecond() + 60;
        VerifiedTokens before = at(NOW.plusSeconds(59));
        before.remember("a.b.c", expiry);
        assertTrue(before.isVerified("a.b.c"));
        assertFalse(before.isVerified("a.b.d"));

        VerifiedTokens after = at(NOW.plusSeconds(60));
        after.remember("a.b.c", expiry);
        assertFalse(after.isVerified("a.b.c"));
        assertEquals(0, after.size());
    }

    @Test
    void theCacheStaysWithinItsCapacityAndCanBeSwitchedOff() {
        VerifiedTokens tokens = new VerifiedTokens(3, Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 10; i++) {
            tokens.remember("t" + i, NOW.getEpochSecond() + 60);
            assertTrue(tokens.size() <= 3, "size " + tokens.size());
        }
        VerifiedTokens off = new VerifiedTokens(0, Clock.fixed(NOW, ZoneOffset.UTC));
        off.remember("t", NOW.getEpochSecond() + 60);
        assertFalse(off.isVerified("t"));
    }

    private static VerifiedTokens at(Instant now) {
        return new VerifiedTokens(10, Clock.fixed(now, ZoneOffset.UTC));
    }
}
