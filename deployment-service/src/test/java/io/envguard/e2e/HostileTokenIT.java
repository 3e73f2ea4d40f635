package io.envguard.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;

/**
 * The JWT attacks of RFC 8725 (and a few more), each against one endpoint of every service through the gateway: every one
 * is a 401 {@code UNAUTHENTICATED}, while the same request with an honest token of the same user is not.
 */
class HostileTokenIT {

    /** One read per service; each would answer 200 to the honest token. */
    private static final List<String> ENDPOINTS = List.of("/v1/organization", "/v1/models", "/v1/environment_groups");

    private static Gateway.Organization organization;

    @BeforeAll
    static void anOrganisationWhoseAdminIsImpersonated() {
        organization = Gateway.newOrganization("victim");
    }

    static Stream<Arguments> hostileTokens() {
        long now = Instant.now().getEpochSecond();
        List<Arguments> cases = new ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            cases.add(Arguments.of("alg " + none, (UnaryOperator<String>) email -> Jwts.unsigned(none, Jwts.claims(email))));
        }
        cases.add(Arguments.of("HS256 signed with the RSA public key",
                (UnaryOperator<String>) email -> Jwts.hs256WithPublicKey(Jwts.claims(email))));
        cases.add(Arguments.of("tampered payload", (UnaryOperator<String>) email -> {
            String[] parts = Jwts.rs256(Jwts.header("RS256"), Jwts.claims("someone-else@example.com")).split("\\.");
            return parts[0] + "." + Jwts.encode(Jwts.claims(email)) + "." + parts[2];
        }));
        cases.add(Arguments.of("broken signature", (UnaryOperator<String>) email -> {
            String token = Jwts.rs256(Jwts.header("RS256"), Jwts.claims(email));
            char last = token.charAt(token.length() - 5);
            return token.substring(0, token.length() - 5) + (last == 'A' ? 'B' : 'A') + token.substring(token.length() - 4);
        }));
        cases.add(claimsCase("expired an hour ago", claims -> claims.put("exp", now - 3600)));
        cases.add(claimsCase("no exp", claims -> claims.remove("exp")));
        cases.add(claimsCase("nbf an hour ahead", claims -> claims.put("nbf", now + 3600)));
        cases.add(claimsCase("wrong iss", claims -> claims.put("iss", "https://evil.example.com")));
        cases.add(claimsCase("wrong aud", claims -> claims.put("aud", "someone-else")));
        cases.add(claimsCase("no sub", claims -> claims.remove("sub")));
        cases.add(claimsCase("no email", claims -> claims.remove("email")));
        cases.add(claimsCase("oversized", claims -> claims.put("padding", "x".repeat(12_000))));
        cases.add(headerCase("unknown kid", header -> header.put("kid", "not-a-key-of-ours")));
        cases.add(Arguments.of("embedded jwk of the attacker's own key", (UnaryOperator<String>) email ->
                forgedWithOwnKey(email, "jwk")));
        cases.add(Arguments.of("jku pointing at the attacker's key set", (UnaryOperator<String>) email ->
                forgedWithOwnKey(email, "jku")));
        cases.add(Arguments.of("garbage", (UnaryOperator<String>) email -> "not.a.token"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void aHostileTokenIsRejectedByEveryService(String attack, UnaryOperator<String> forge) {
        String token = forge.apply(organization.admin().email());
        for (String endpoint : ENDPOINTS) {
            Gateway.anonymous().header("Authorization", "Bearer " + token).get(endpoint)
                    .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("honestTokens")
    void anHonestTokenOfTheSameUserIsAccepted(String label, String token) {
        for (String endpoint : ENDPOINTS) {
            Gateway.anonymous().header("Authorization", "Bearer " + token).get(endpoint).then().statusCode(200);
        }
    }

    static Stream<Arguments> honestTokens() {
        return Stream.of(Arguments.of("issued by the platform", organization.admin().token()),
                Arguments.of("signed by hand", Jwts.rs256(Jwts.header("RS256"), Jwts.claims(organization.admin().email()))));
    }

    private static Arguments claimsCase(String name, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, (UnaryOperator<String>) email -> {
            Map<String, Object> claims = Jwts.claims(email);
            change.accept(claims);
            return Jwts.rs256(Jwts.header("RS256"), claims);
        });
    }

    private static Arguments headerCase(String name, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, (UnaryOperator<String>) email -> {
            Map<String, Object> header = Jwts.header("RS256");
            change.accept(header);
            return Jwts.rs256(header, Jwts.claims(email));
        });
    }

    /** Signed with a key the attacker made, announced in the header in the hope that it is trusted. */
    private static String forgedWithOwnKey(String email, String headerName) {
        try {
            KeyPairGenerator attackerKeys = KeyPairGenerator.getInstance("RSA");
            attackerKeys.initialize(2048);
            KeyPair keyPair = attackerKeys.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) keyPair.getPublic();
            Map<String, Object> header = Jwts.header("RS256");
            if (headerName.equals("jwk")) {
                Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
                header.put("jwk", Map.of("kty", "RSA",
                        "n", b64.encodeToString(publicKey.getModulus().toByteArray()),
                        "e", b64.encodeToString(publicKey.getPublicExponent().toByteArray())));
            } else {
                header.put("jku", "http://127.0.0.1:9/keys.json");
            }
            return Jwts.rs256(keyPair.getPrivate(), header, Jwts.claims(email));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
