package io.envguard.authz.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** What the tests do to the running service: publish events to the broker, sign JWTs, ask the internal API. */
@ApplicationScoped
public class Platform {

    private final KafkaCompanion kafka;

    public Platform(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.kafka = new KafkaCompanion(bootstrap);
    }

    @PreDestroy
    void close() {
        kafka.close();
    }

    /** Publishes events of the organisation, keyed by its id as environment-service does, and waits for the broker's ack. */
    public void publish(History history, String... events) {
        kafka.produceStrings()
                .fromRecords(Arrays.stream(events)
                        .map(json -> AuthzTestResources.record(history.organizationId(), json))
                        .toList())
                .awaitCompletion(Duration.ofSeconds(10));
    }

    /** Adds each event to the history and publishes them all. */
    public void append(History history, String... events) {
        for (String event : events) {
            history.add(event);
        }
        publish(history, events);
    }

    /** Publishes the history's events and waits until the access table has applied them. */
    public void appendAndAwait(History history, String... events) {
        append(history, events);
        awaitRevision(history, history.revision());
    }

    public void awaitRevision(History history, long revision) {
        awaitRevision(history.organizationId(), revision);
    }

    /** Waits as long as the endpoint allows (30 s): a loaded machine applies slowly, but a lost event still fails. */
    public void awaitRevision(String organizationId, long revision) {
        given().header("Authorization", bearer(jwt("observer@example.com")))
                .queryParam("at_least", revision).queryParam("wait_ms", 30_000)
                .get("/internal/v1/organizations/{id}/revision", organizationId)
                .then().statusCode(200);
    }

    public static String jwt(String email) {
        return Jwt.issuer("envguard-local").audience("envguard").subject("sub-" + email)
                .claim("email", email).claim("name", "Name of " + email)
                .expiresIn(Duration.ofMinutes(5)).sign();
    }

    /** A JWT of the identity provider for an operator: the operator role in its groups claim. */
    public static String operatorJwt(String email) {
        return Jwt.issuer("envguard-local").audience("envguard").subject("sub-" + email)
                .claim("email", email).groups("envguard-operator")
                .expiresIn(Duration.ofMinutes(5)).sign();
    }

    /** The Authorization header of the operator token the service reads from its file now. */
    public static String operatorToken() {
        try {
            return "Operator " + Files.readString(AuthzTestResources.OPERATOR_TOKEN).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** {@code POST /internal/v1/checks} with the given Authorization header. */
    public ValidatableResponse check(String authorization, History history, String teamId, String environment,
                                     String action, Long minRevision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organization_id", history.organizationId());
        body.put("team_id", teamId);
        body.put("environment", environment);
        body.put("action", action);
        if (minRevision != null) {
            body.put("min_revision", minRevision);
        }
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/internal/v1/checks").then();
    }

    public ValidatableResponse promote(String email, History history, String teamId, String environment) {
        return promote(email, history, teamId, environment, null);
    }

    public ValidatableResponse promote(String email, History history, String teamId, String environment,
                                       Long minRevision) {
        return check(bearer(jwt(email)), history, teamId, environment, "PROMOTE", minRevision);
    }
}
