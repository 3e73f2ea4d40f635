package io.envguard.authz.identity;

import static io.envguard.authz.support.Platform.bearer;
import static io.envguard.authz.support.Platform.jwt;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.envguard.authz.support.AuthzTestResources;
import io.envguard.authz.support.History;
import io.envguard.authz.support.Platform;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call at all: JWTs of the configured issuer, API keys from the projection, nothing else. */
@QuarkusTest
@WithTestResource(value = AuthzTestResources.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AuthenticationTest {

    @Inject
    Platform platform;

    private History org;
    private String id;
    private String memberEmail;
    private String apiKey;
    private String prefix;

    @BeforeEach
    void anOrganisationWhoseMemberHasAnApiKey() throws Exception {
        id = UUID.randomUUID().toString();
        org = new History("org-" + id);
        memberEmail = "member-" + id + "@example.com";
        prefix = "pk" + id.substring(0, 8);
        apiKey = prefix + "." + UUID.randomUUID().toString().replace("-", "");
        String ml = "team-ml-" + id;
        platform.appendAndAwait(org,
                org.organizationCreated("u-admin-" + id, "admin-" + id + "@example.com"),
                org.memberAdded("u-member-" + id, memberEmail, "MEMBER"),
                org.teamCreated(ml),
                org.teamMemberAdded(ml, "u-member-" + id, "ADMIN"),
                org.apiKeyCreated(prefix, "u-member-" + id, sha256Hex(apiKey)));
    }

    @Test
    void theHealthMetricsAndOpenApiEndpointsNeedNoCredential() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/openapi/authz-service.json").then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/v1/principal", "/internal/v1/organizations/any/revision"})
    void aGetWithoutCredentialIsUnauthenticated(String path) {
        given().get(path).then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/internal/v1/checks", "/v1/permissions/check"})
    void aPostWithoutCredentialIsUnauthenticatedBeforeItsBodyIsRead(String path) {
        given().contentType("application/json").body("{not json").post(path)
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer not-a-jwt", "Bearer a.b.c", "Api-Key nodot", "Api-Key unknown.secret",
            "Bearer unknown.secret", "Basic dXNlcjpwYXNz"})
    void aBadCredentialIsUnauthenticated(String authorization) {
        given().header("Authorization", authorization).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aJwtOfAnotherIssuerOrAudienceExpiredOrWithoutEmailIsUnauthenticated() {
        String wrongIssuer = Jwt.issuer("someone-else").audience("envguard").subject("s").claim("email", memberEmail)
                .expiresIn(Duration.ofMinutes(5)).sign();
        String wrongAudience = Jwt.issuer("envguard-local").audience("other").subject("s").claim("email", memberEmail)
                .expiresIn(Duration.ofMinutes(5)).sign();
        String expired = Jwt.issuer("envguard-local").audience("envguard").subject("s").claim("email", memberEmail)
                .issuedAt(System.currentTimeMillis() / 1000 - 3600).expiresAt(System.currentTimeMillis() / 1000 - 600).sign();
        String withoutEmail = Jwt.issuer("envguard-local").audience("envguard").subject("s")
                .expiresIn(Duration.ofMinutes(5)).sign();
        for (String token : new String[] {wrongIssuer, wrongAudience, expired, withoutEmail}) {
            given().header("Authorization", bearer(token)).get("/internal/v1/principal")
                    .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void anUnsignedOrHmacSignedOrOversizedJwtIsUnauthenticated() throws Exception {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = base64.encodeToString(("{\"iss\":\"envguard-local\",\"aud\":\"envguard\",\"sub\":\"s\","
                + "\"email\":\"" + memberEmail + "\",\"exp\":" + (System.currentTimeMillis() / 1000 + 300) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String unsigned = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + claims + ".";
        // HS256 keyed with the public key: the classic algorithm-confusion attack.
        byte[] publicKey = Files.readAllBytes(Path.of(ConfigProvider.getConfig()
                .getValue("mp.jwt.verify.publickey.location", String.class)));
        String header = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(publicKey, "HmacSHA256"));
        String hmac = header + "." + claims + "."
                + base64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII)));
        String oversized = jwt(memberEmail) + "x".repeat(9000);
        for (String token : new String[] {unsigned, hmac, oversized}) {
            given().header("Authorization", bearer(token)).get("/internal/v1/principal")
                    .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void aTokenVerifiedOnceDoesNotVouchForAnAlteredCopy() {
        String token = jwt(memberEmail);
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", bearer(token)).get("/internal/v1/principal").then().statusCode(200);
        }
        int lastDot = token.lastIndexOf('.');
        String payload = token.substring(token.indexOf('.') + 1, lastDot);
        String[] altered = {
                token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"),
                token.substring(0, token.indexOf('.') + 1) + payload.substring(0, payload.length() - 1)
                        + (payload.endsWith("A") ? "B" : "A") + token.substring(lastDot),
                token.substring(0, lastDot + 1)};
        for (String copy : altered) {
            given().header("Authorization", bearer(copy)).get("/internal/v1/principal")
                    .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        }
    }

    @Test
    void aJwtResolvesToTheMemberByEmailWhateverItsCase() {
        given().header("Authorization", bearer(jwt(memberEmail.toUpperCase()))).get("/internal/v1/principal")
                .then().statusCode(200)
                .body("user_id", equalTo("u-member-" + id))
                .body("organization_id", equalTo(org.organizationId()))
                .body("default_team_id", equalTo(org.defaultTeamId()))
                .body("role", equalTo("MEMBER"))
                .body("teams.team_id", containsInAnyOrder(org.defaultTeamId(), "team-ml-" + id))
                .body("revision", equalTo((int) org.revision()))
                .body("credential", equalTo("JWT"))
                .body("api_key_prefix", nullValue());
    }

    @Test
    void aKelvinSignSpellingIsRefusedNotFoldedIntoTheAsciiMembersAddress() {
        String ascii = "kelvin-" + id + "@example.com";
        platform.appendAndAwait(org, org.memberAdded("u-kelvin-" + id, ascii, "MEMBER"));
        given().header("Authorization", bearer(jwt("Kelvin-" + id + "@example.com"))).get("/internal/v1/principal")
                .then().statusCode(200).body("user_id", equalTo("u-kelvin-" + id));
        // U+212A KELVIN SIGN: Java's root-locale lower-casing turns it into an ASCII 'k'.
        String kelvinSign = "\u212Aelvin-" + id + "@example.com";
        given().header("Authorization", bearer(jwt(kelvinSign))).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        platform.check(bearer(jwt(kelvinSign)), org, org.defaultTeamId(), "development", "PROMOTE", null)
                .statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "\"false\"", "0", "\"no\""})
    void aJwtWhoseIssuerSaysTheEmailIsNotVerifiedIsUnauthenticated(String emailVerified) {
        given().header("Authorization", bearer(jwtWithEmailVerified(emailVerified))).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"true\""})
    void aJwtWhoseIssuerSaysTheEmailIsVerifiedIsTheMember(String emailVerified) {
        given().header("Authorization", bearer(jwtWithEmailVerified(emailVerified))).get("/internal/v1/principal")
                .then().statusCode(200).body("user_id", equalTo("u-member-" + id));
    }

    private String jwtWithEmailVerified(String json) {
        return Jwt.claims(Json.createReader(new StringReader("{\"email_verified\":" + json + "}")).readObject())
                .issuer("envguard-local").audience("envguard").subject("s").claim("email", memberEmail)
                .expiresIn(Duration.ofMinutes(5)).sign();
    }

    @Test
    void aJwtOfSomeoneInNoOrganisationIsAPrincipalWithoutOrganisation() {
        given().header("Authorization", bearer(jwt("nobody-" + id + "@example.com"))).get("/internal/v1/principal")
                .then().statusCode(200)
                .body("user_id", nullValue()).body("organization_id", nullValue())
                .body("email", equalTo("nobody-" + id + "@example.com")).body("teams", empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Api-Key ", "Bearer ", "api-key "})
    void anApiKeyActsAsItsUser(String scheme) {
        given().header("Authorization", scheme + apiKey).get("/internal/v1/principal")
                .then().statusCode(200)
                .body("user_id", equalTo("u-member-" + id))
                .body("credential", equalTo("API_KEY"))
                .body("api_key_prefix", equalTo(prefix));
        platform.check(scheme + apiKey, org, "team-ml-" + id, "production", "PROMOTE", null)
                .statusCode(200).body("reason", equalTo("TEAM_ADMIN")).body("user_id", equalTo("u-member-" + id));
    }

    @Test
    void anApiKeyWithAWrongSecretIsUnauthenticated() {
        given().header("Authorization", "Api-Key " + prefix + ".wrong-secret").get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anApiKeyStopsWorkingOnceItsDeletionIsProjected() {
        platform.appendAndAwait(org, org.apiKeyDeleted(prefix, "u-member-" + id));
        given().header("Authorization", "Api-Key " + apiKey).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
        platform.check("Bearer " + apiKey, org, org.defaultTeamId(), "production", "PROMOTE", null).statusCode(401);
    }

    @Test
    void anotherOrganisationsEventsNeitherDeleteNorTakeOverAKey() throws Exception {
        History intruder = new History("org-intruder-" + id);
        String forged = prefix + "." + UUID.randomUUID().toString().replace("-", "");
        platform.appendAndAwait(intruder,
                intruder.organizationCreated("u-intruder-" + id, "intruder-" + id + "@example.com"),
                intruder.apiKeyDeleted(prefix, "u-member-" + id),
                intruder.apiKeyCreated(prefix, "u-intruder-" + id, sha256Hex(forged)));

        given().header("Authorization", "Api-Key " + apiKey).get("/internal/v1/principal")
                .then().statusCode(200)
                .body("user_id", equalTo("u-member-" + id))
                .body("organization_id", equalTo(org.organizationId()));
        given().header("Authorization", "Api-Key " + forged).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anApiKeyStopsWorkingWhenItsUserIsRemoved() {
        platform.appendAndAwait(org, org.memberRemoved("u-member-" + id));
        given().header("Authorization", "Api-Key " + apiKey).get("/internal/v1/principal")
                .then().statusCode(401).body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anApiKeyFollowsItsUsersCurrentPermissions() {
        String ml = "team-ml-" + id;
        platform.appendAndAwait(org, org.restricted(ml, "production"),
                org.teamMemberAdded(ml, "u-member-" + id, "MEMBER"));
        platform.check("Api-Key " + apiKey, org, ml, "production", "PROMOTE", null)
                .statusCode(200).body("allowed", equalTo(false)).body("reason", equalTo("NOT_GRANTED"));
    }

    private static String sha256Hex(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
