package io.envguard.e2e;

import io.envguard.e2e.ProductionServices.Service;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production profile as deployed: the packaged services with {@code QUARKUS_PROFILE=prod} and an external identity
 * provider given by the variables of {@code k8s/} ({@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}, here a JWKS URL as in
 * {@code k8s/overlays/production}; {@code MP_JWT_VERIFY_ISSUER}; {@code MP_JWT_VERIFY_AUDIENCES}). Every service trusts
 * that provider's tokens and refuses the local issuer's, whose key is the local platform's ({@code .platform/keys}); the
 * local token issuer answers 404.
 */
class ProductionProfileIT {

    private static final String EMAIL = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

    private static ExternalIssuer issuer;
    private static Map<String, String> identity;
    private static ProductionServices services;
    private static String defaultTeamId;

    @BeforeAll
    static void theServicesInTheProductionProfileAndAnOrganisationMadeWithAnExternalToken() {
        issuer = ExternalIssuer.start();
        identity = Map.of(
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", issuer.jwksUrl(),
                "MP_JWT_VERIFY_ISSUER", ExternalIssuer.ISSUER,
                "MP_JWT_VERIFY_AUDIENCES", ExternalIssuer.AUDIENCE);
        services = ProductionServices.start(identity);
        // environment-service answers only once authz-service, asked with the same token, has seen the change.
        defaultTeamId = request(Service.ENVIRONMENT, issuer.token(EMAIL)).body(Map.of("name", "Acme"))
                .post("/v1/organizations")
                .then().statusCode(201).extract().path("default_team_id");
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void theLocalTokenIssuerIsSwitchedOff() {
        RestAssured.given().baseUri(services.url(Service.ENVIRONMENT)).contentType(ContentType.JSON)
                .body(Map.of("email", EMAIL, "name", "Ada"))
                .post("/v1/auth/token")
                .then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void everyServiceTrustsTheExternalIssuer() {
        String token = issuer.token(EMAIL);
        assertEveryService(token, 200, null);
        request(Service.DEPLOYMENT, token).body(Map.of("name", "llama")).post("/v1/models")
                .then().statusCode(200).body("model.team_id", equalTo(defaultTeamId));
    }

    static Stream<Arguments> untrustedTokens() {
        return Stream.of(
                Arguments.of("the local issuer's token, signed with the platform's key",
                        (UnaryOperator<String>) email -> Jwts.rs256(Jwts.header("RS256"), Jwts.claims(email))),
                Arguments.of("the platform's key, dressed as the external issuer (its kid, iss and aud)",
                        (UnaryOperator<String>) email -> Jwts.rs256(ExternalIssuer.header(), ExternalIssuer.claims(email))),
                Arguments.of("the external key, but the local issuer's iss",
                        externalWith(claims -> claims.put("iss", "envguard-local"))),
                Arguments.of("the external key, but another audience",
                        externalWith(claims -> claims.put("aud", "someone-else"))),
                Arguments.of("the external key, but a key id the key set does not hold",
                        (UnaryOperator<String>) email -> {
                            Map<String, Object> header = ExternalIssuer.header();
                            header.put("kid", "rotated-away");
                            return issuer.sign(header, ExternalIssuer.claims(email));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("untrustedTokens")
    void everyServiceRefusesATokenTheExternalIssuerDidNotMake(String description, UnaryOperator<String> forge) {
        assertEveryService(forge.apply(EMAIL), 401, "UNAUTHENTICATED");
    }

    @Test
    void everyServiceRefusesATokenWhoseIssuerSaysTheEmailIsNotVerified() {
        Map<String, Object> claims = ExternalIssuer.claims(EMAIL);
        for (Object unverified : List.of(false, "false")) {
            claims.put("email_verified", unverified);
            assertEveryService(issuer.sign(ExternalIssuer.header(), claims), 401, "UNAUTHENTICATED");
        }
        claims.put("email_verified", true);
        assertEveryService(issuer.sign(ExternalIssuer.header(), claims), 200, null);
    }

    @Test
    void platformOperationsNeedTheIdentityProvidersOperatorRoleNotAnOrganisationAdmin() {
        request(Service.AUTHZ, issuer.token(EMAIL)).get("/internal/v1/access-table/rebuild")
                .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        Map<String, Object> operator = ExternalIssuer.claims("ops-" + EMAIL);
        operator.put("groups", List.of("envguard-operator"));
        request(Service.AUTHZ, issuer.sign(ExternalIssuer.header(), operator)).get("/internal/v1/access-table/rebuild")
                .then().statusCode(200).body("state", equalTo("NEVER_RUN"));
    }

    /**
     * The switch that turns the access check off, set on the packaged service in the production profile: it does not
     * start, so no guarded change can go unchecked.
     */
    @Test
    void theDeploymentServiceRefusesToStartWithTheAccessCheckSwitchedOff() {
        String log = services.refusedStart(Service.DEPLOYMENT, identity, Map.of("ENVGUARD_AUTHZ_CHECK_ENABLED", "false"));
        assertTrue(log.contains("honoured only in the bench profile"), log);
        String alsoBench = services.refusedStart(Service.DEPLOYMENT, identity,
                Map.of("ENVGUARD_AUTHZ_CHECK_ENABLED", "false", "QUARKUS_PROFILE", "prod,bench"));
        assertTrue(alsoBench.contains("honoured only in the bench profile"), alsoBench);
    }

    private static UnaryOperator<String> externalWith(Consumer<Map<String, Object>> change) {
        return email -> {
            Map<String, Object> claims = ExternalIssuer.claims(email);
            change.accept(claims);
            return issuer.sign(ExternalIssuer.header(), claims);
        };
    }

    /** One request to each service, answered 200 to the organisation's admin when the token is trusted. */
    private static void assertEveryService(String token, int status, String code) {
        Map<Service, Response> answers = Map.of(
                Service.ENVIRONMENT, request(Service.ENVIRONMENT, token).get("/v1/organization"),
                Service.AUTHZ, request(Service.AUTHZ, token)
                        .body(Map.of("action", "PROMOTE", "team_id", defaultTeamId, "environment", "production"))
                        .post("/v1/permissions/check"),
                Service.DEPLOYMENT, request(Service.DEPLOYMENT, token).get("/v1/models"));
        assertAll(answers.entrySet().stream().map(answer -> (Executable) () -> {
            Response response = answer.getValue();
            assertEquals(status, response.statusCode(), answer.getKey() + " answered " + response.asString());
            if (code != null) {
                assertEquals(code, response.path("code"), answer.getKey() + " answered " + response.asString());
            }
        }));
    }

    private static RequestSpecification request(Service service, String token) {
        return RestAssured.given().baseUri(services.url(service)).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }
}
