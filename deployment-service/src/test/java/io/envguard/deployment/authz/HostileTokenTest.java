package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.HandMadeTokens;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

/** Tokens that are wrong in exactly one way are refused here, before authz-service is asked. */
@QuarkusTest
@WithTestResource(TestPlatform.class)
class HostileTokenTest {

    private String email;

    @BeforeEach
    void aKnownUser() {
        Fixtures.authz().reset();
        email = Fixtures.member().email();
    }

    static Stream<Arguments> hostileTokens() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                Arguments.of("alg none", (UnaryOperator<String>) email -> HandMadeTokens.unsigned(HandMadeTokens.claims(email))),
                Arguments.of("HS256 keyed with the public key",
                        (UnaryOperator<String>) email -> HandMadeTokens.hs256WithThePublicKey(HandMadeTokens.claims(email))),
                claims("no exp", claims -> claims.remove("exp")),
                claims("no sub", claims -> claims.remove("sub")),
                claims("no email", claims -> claims.remove("email")),
                claims("not valid for an hour", claims -> claims.put("nbf", now + 3600)),
                claims("expired", claims -> claims.put("exp", now - 3600)),
                claims("oversized", claims -> claims.put("padding", "x".repeat(12_000))),
                header("another key id", header -> header.put("kid", "not-ours")),
                Arguments.of("three dots of nothing", (UnaryOperator<String>) email -> "not.a.token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileTokens")
    void aHostileTokenIsUnauthenticated(String attack, UnaryOperator<String> forge) {
        given().header("Authorization", "Bearer " + forge.apply(email)).get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void theSameTokenMadeHonestlyIsAccepted() {
        given().header("Authorization", "Bearer " + HandMadeTokens.rs256(HandMadeTokens.header("RS256"), HandMadeTokens.claims(email)))
                .get("/v1/models").then().statusCode(200);
    }

    private static Arguments claims(String name, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, (UnaryOperator<String>) email -> {
            Map<String, Object> claims = HandMadeTokens.claims(email);
            change.accept(claims);
            return HandMadeTokens.rs256(HandMadeTokens.header("RS256"), claims);
        });
    }

    private static Arguments header(String name, Consumer<Map<String, Object>> change) {
        return Arguments.of(name, (UnaryOperator<String>) email -> {
            Map<String, Object> header = HandMadeTokens.header("RS256");
            change.accept(header);
            return HandMadeTokens.rs256(header, HandMadeTokens.claims(email));
        });
    }
}
