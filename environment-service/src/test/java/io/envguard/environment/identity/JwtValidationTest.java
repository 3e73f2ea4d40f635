package io.envguard.environment.identity;

import io.envguard.environment.support.EnvguardTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;

/** The JWT cases of RFC 8725: each forged, stale or misdirected token is refused with 401 before anything runs. */
@QuarkusTest
@QuarkusTestResource(EnvguardTestResources.class)
class JwtValidationTest {

    private static final String RS256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    @Test
    void aWellFormedTokenIsAccepted() throws Exception {
        assertStatus(signed(RS256, claims()), 404);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("exp", Instant.now().minusSeconds(600).getEpochSecond());
        assertUnauthenticated(signed(RS256, claims));
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("nbf", Instant.now().plusSeconds(600).getEpochSecond());
        assertUnauthenticated(signed(RS256, claims));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        Map<String, Object> claims = claims();
        claims.remove("exp");
        assertUnauthenticated(signed(RS256, claims));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud"})
    void aTokenForAnotherIssuerOrAudienceIsRefused(String claim) throws Exception {
        Map<String, Object> claims = claims();
        claims.put(claim, "someone-else");
        assertUnauthenticated(signed(RS256, claims));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sub", "email"})
    void aTokenWithoutSubjectOrEmailIsRefused(String claim) throws Exception {
        Map<String, Object> claims = claims();
        claims.remove(claim);
        assertUnauthenticated(signed(RS256, claims));
    }

    @Test
    void aTokenWithALookAlikeEmailIsRefused() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("email", "\u0430dmin@example.com");
        assertUnauthenticated(signed(RS256, claims));
    }

    @Test
    void aKelvinSignEmailIsRefusedWhileItsAsciiTwinIsAccepted() throws Exception {
        Map<String, Object> claims = claims();
        String local = "kelvin-" + UUID.randomUUID().toString().substring(0, 8);
        claims.put("email", local + "@example.com");
        assertStatus(signed(RS256, claims), 404);
        claims.put("email", "\u212A" + local.substring(1) + "@example.com");
        assertUnauthenticated(signed(RS256, claims));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "\"false\"", "0"})
    void aTokenWhoseIssuerSaysTheEmailIsNotVerifiedIsRefused(String emailVerified) throws Exception {
        Map<String, Object> claims = claims();
        claims.put("email_verified", new Raw(emailVerified));
        assertUnauthenticated(signed(RS256, claims));
    }

    @Test
    void aTokenWhoseIssuerSaysTheEmailIsVerifiedIsAccepted() throws Exception {
        Map<String, Object> claims = claims();
        claims.put("email_verified", true);
        assertStatus(signed(RS256, claims), 404);
    }

    /** A claim value written into the JSON as it is. */
    private record Raw(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void anUnsignedTokenIsRefusedInAnyCasing(String alg) {
        String token = encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "." + encode(json(claims())) + ".";
        assertUnauthenticated(token);
    }

    @Test
    void aTokenSignedWithHs256UsingThePublicKeyIsRefused() throws Exception {
        byte[] publicKey = Files.readAllBytes(Path.of("target", "test-keys", "public.pem"));
        String unsigned = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(json(claims()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
        assertUnauthenticated(unsigned + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = signed(RS256, claims()).split("\\.");
        Map<String, Object> forged = claims();
        forged.put("email", "ceo@example.com");
        assertUnauthenticated(parts[0] + "." + encode(json(forged)) + "." + parts[2]);
    }

    @Test
    void aBrokenSignatureIsRefused() throws Exception {
        String token = signed(RS256, claims());
        char last = token.charAt(token.length() - 5);
        assertUnauthenticated(token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A')
                + token.substring(token.length() - 4));
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedEvenWithThatKeyEmbeddedOrReferenced() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var attacker = generator.generateKeyPair();
        var publicKey = (java.security.interfaces.RSAPublicKey) attacker.getPublic();
        String jwk = "{\"kty\":\"RSA\",\"n\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(publicKey.getModulus().toByteArray()) + "\",\"e\":\"AQAB\"}";
        assertUnauthenticated(sign("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"jwk\":" + jwk + "}", claims(),
                attacker.getPrivate()));
        assertUnauthenticated(sign("{\"alg\":\"RS256\",\"jku\":\"http://127.0.0.1:1/keys\",\"kid\":\"x\"}", claims(),
                attacker.getPrivate()));
        assertUnauthenticated(sign(RS256, claims(), attacker.getPrivate()));
    }

    @Test
    void aTokenAcceptedOnceDoesNotVouchForAnAlteredCopy() throws Exception {
        String token = signed(RS256, claims());
        assertStatus(token, 404);
        String[] parts = token.split("\\.");
        Map<String, Object> forged = claims();
        forged.put("email", "ceo@example.com");
        char last = token.charAt(token.length() - 5);
        String[] altered = {
                parts[0] + "." + encode(json(forged)) + "." + parts[2],
                token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4),
                parts[0] + "." + parts[1] + ".",
                parts[0] + "." + parts[1],
        };
        for (String copy : altered) {
            assertUnauthenticated(copy);
        }
        assertStatus(token, 404);
    }

    private static void assertUnauthenticated(String token) {
        RestAssured.given().header("Authorization", "Bearer " + token).get("/v1/organization")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    private static void assertStatus(String token, int status) {
        RestAssured.given().header("Authorization", "Bearer " + token).get("/v1/organization")
                .then().statusCode(status);
    }

    private static Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "envguard-local");
        claims.put("aud", "envguard");
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("email", "jwt-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        claims.put("name", "Jay");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().plusSeconds(300).getEpochSecond());
        return claims;
    }

    private static String signed(String header, Map<String, Object> claims) throws Exception {
        String pem = Files.readString(Path.of("target", "test-keys", "private.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return sign(header, claims, key);
    }

    private static String sign(String header, Map<String, Object> claims, PrivateKey key) throws Exception {
        String unsigned = encode(header) + "." + encode(json(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, Object> claims) {
        StringBuilder json = new StringBuilder("{");
        claims.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":").append(value instanceof String text ? "\"" + text + "\"" : value));
        return json.append('}').toString();
    }
}
