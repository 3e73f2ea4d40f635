package io.envguard.deployment.authz;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialTest {

    @Test
    void aBearerWithThreePartsIsAJwt() {
        Credential credential = Credential.parse("Bearer aaa.bbb.ccc");
        assertTrue(credential.isJwt());
        assertEquals("aaa.bbb.ccc", credential.value());
    }

    @Test
    void aBearerWithPrefixAndSecretIsAnApiKey() {
        assertFalse(Credential.parse("Bearer kabc123.s3cret").isJwt());
    }

    @Test
    void anApiKeySchemeIsAnApiKeyWhateverItsShape() {
        assertFalse(Credential.parse("Api-Key kabc123.s3cret").isJwt());
        assertFalse(Credential.parse("api-key a.b.c").isJwt());
    }

    @Test
    void schemesAreCaseInsensitive() {
        assertTrue(Credential.parse("bearer aaa.bbb.ccc").isJwt());
    }

    @Test
    void missingEmptyOrUnknownCredentialsAreNone() {
        assertNull(Credential.parse(null));
        assertNull(Credential.parse(""));
        assertNull(Credential.parse("Bearer"));
        assertNull(Credential.parse("Bearer "));
        assertNull(Credential.parse("Basic dXNlcjpwYXNz"));
        assertNull(Credential.parse("Bearer a b"));
    }
}
