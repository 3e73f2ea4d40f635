package io.envguard.deployment.authz;

import io.envguard.deployment.testing.Fixtures;
import io.envguard.deployment.testing.TestPlatform;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

@QuarkusTest
@WithTestResource(TestPlatform.class)
class AuthenticationTest {

    @BeforeEach
    void authzAnswers() {
        Fixtures.authz().reset();
    }

    @Test
    void aRequestWithoutCredentialIsUnauthenticated() {
        given().when().get("/v1/models")
                .then().statusCode(401).contentType("application/json").body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void anUnknownPathWithoutCredentialIsUnauthenticatedToo() {
        given().when().get("/v1/nothing-here").then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void anUnknownAuthorizationSchemeIsUnauthenticated() {
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthenticatedEvenWhenAuthzIsDown() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("envguard-local").audience("envguard").subject("a@example.com")
                .claim("email", Fixtures.member().email()).expiresIn(600).jws().keyId(Fixtures.KEY_ID).sign(generator.generateKeyPair().getPrivate());
        Fixtures.authz().stop();
        given().header("Authorization", "Bearer " + forged).when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String email = Fixtures.member().email();
        long past = System.currentTimeMillis() / 1000 - 3600;
        String expired = Jwt.issuer("envguard-local").audience("envguard").subject(email).claim("email", email)
                .issuedAt(past - 600).expiresAt(past).jws().keyId(Fixtures.KEY_ID).sign(Fixtures.signingKey());
        given().header("Authorization", "Bearer " + expired).when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsUnauthenticated() {
        String email = Fixtures.member().email();
        String otherIssuer = Jwt.issuer("someone-else").audience("envguard").subject(email).claim("email", email)
                .expiresIn(600).jws().keyId(Fixtures.KEY_ID).sign(Fixtures.signingKey());
        String otherAudience = Jwt.issuer("envguard-local").audience("another-app").subject(email).claim("email", email)
                .expiresIn(600).jws().keyId(Fixtures.KEY_ID).sign(Fixtures.signingKey());
        given().header("Authorization", "Bearer " + otherIssuer).when().get("/v1/models").then().statusCode(401);
        given().header("Authorization", "Bearer " + otherAudience).when().get("/v1/models").then().statusCode(401);
    }

    @Test
    void aValidTokenOfAUserAuthzDoesNotKnowIsUnauthenticated() {
        given().header("Authorization", "Bearer " + Fixtures.token("nobody@example.com", "Nobody"))
                .when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void aTokenAcceptedOnceDoesNotVouchForAnAlteredCopy() {
        String token = Fixtures.member().bearer().substring("Bearer ".length());
        given().header("Authorization", "Bearer " + token).when().get("/v1/models").then().statusCode(200);
        int lastDot = token.lastIndexOf('.');
        String otherSignature = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String noSignature = token.substring(0, lastDot + 1);
        for (String copy : new String[] {otherSignature, noSignature}) {
            given().header("Authorization", "Bearer " + copy).when().get("/v1/models")
                    .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
        }
    }

    @Test
    void aKelvinSignEmailIsUnauthenticatedBeforeAuthzIsAskedWhileItsAsciiTwinIsTheUser() {
        Fixtures.User kelvin = Fixtures.user("kelvin", Fixtures.ORG, "MEMBER", List.of(Fixtures.DEFAULT_TEAM));
        given().header("Authorization", "Bearer " + Fixtures.token("K" + kelvin.email().substring(1), "Kelvin"))
                .when().get("/v1/models").then().statusCode(200);
        // U+212A KELVIN SIGN, which root-locale lower-casing turns into the ASCII 'k' of the user's address.
        String kelvinSign = Fixtures.token("\u212A" + kelvin.email().substring(1), "Kelvin");
        Fixtures.authz().stop();
        given().header("Authorization", "Bearer " + kelvinSign).when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void aTokenWhoseIssuerSaysTheEmailIsNotVerifiedIsUnauthenticated() {
        String email = Fixtures.member().email();
        for (Object unverified : List.of(false, "false")) {
            String token = Jwt.issuer("envguard-local").audience("envguard").subject(email).claim("email", email)
                    .claim("email_verified", unverified).expiresIn(600).jws().keyId(Fixtures.KEY_ID)
                    .sign(Fixtures.signingKey());
            given().header("Authorization", "Bearer " + token).when().get("/v1/models")
                    .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
        }
        String verified = Jwt.issuer("envguard-local").audience("envguard").subject(email).claim("email", email)
                .claim("email_verified", true).expiresIn(600).jws().keyId(Fixtures.KEY_ID).sign(Fixtures.signingKey());
        given().header("Authorization", "Bearer " + verified).when().get("/v1/models").then().statusCode(200);
    }

    @Test
    void anApiKeyIsAcceptedInBothHeaderForms() {
        String key = Fixtures.apiKey();
        given().header("Authorization", "Api-Key " + key).when().get("/v1/models").then().statusCode(200);
        given().header("Authorization", "Bearer " + key).when().get("/v1/models").then().statusCode(200);
    }

    @Test
    void anApiKeyAuthzRejectsIsUnauthenticated() {
        given().header("Authorization", "Api-Key kdeadbeef.revoked").when().get("/v1/models")
                .then().statusCode(401).body("code", is("UNAUTHENTICATED"));
    }

    @Test
    void healthMetricsAndOpenApiNeedNoCredential() {
        given().when().get("/q/health").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);
        given().when().get("/openapi/deployment-service.json").then().statusCode(200);
    }

    @Test
    void aBodyOverTheLimitIsRejectedWithJson() {
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        given().header("Authorization", Fixtures.member().bearer()).contentType("application/json").body(body)
                .when().post("/v1/models")
                .then().statusCode(413).body("code", is("PAYLOAD_TOO_LARGE"));
    }
}
