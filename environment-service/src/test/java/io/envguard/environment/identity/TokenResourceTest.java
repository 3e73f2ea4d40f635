package io.envguard.environment.identity;

import io.envguard.environment.error.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokenResourceTest {

    @Test
    void theLocalIssuerAnswersNotFoundWhenSwitchedOffAsInProduction() {
        LocalIssuer off = new LocalIssuer() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public String keyId() {
                return "envguard-local";
            }

            @Override
            public Duration tokenTtl() {
                return Duration.ofHours(1);
            }
        };
        TokenResource resource = new TokenResource(off, null, "envguard-local", Set.of("envguard"));
        DomainException error = assertThrows(DomainException.class,
                () -> resource.issue(new TokenResource.TokenRequest("ada@example.com", "Ada")));
        assertEquals(DomainException.Kind.NOT_FOUND, error.kind());
    }
}
