package io.envguard.conformance;

import io.envguard.conformance.Gateway.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Envguard's own OpenAPI documents, one per service, through the gateway and without credentials. */
class EnvguardOpenApiIT {

    @ParameterizedTest
    @CsvSource({
            "environment-service, /v1/environment_groups/{env_name}",
            "authz-service, /v1/permissions/check",
            "deployment-service, /v1/audit_logs"})
    void eachServicePublishesItsOpenApiDocumentThroughTheGateway(String service, String aPathItServes) {
        Reply reply = Gateway.send("GET", "/openapi/" + service + ".json", null, (String) null);

        assertEquals(200, reply.status(), reply.toString());
        JsonNode document = reply.json();
        assertNotNull(document, "no JSON: " + reply.excerpt());
        assertTrue(document.path("openapi").asString("").startsWith("3."), reply.excerpt());
        assertEquals("Envguard " + service, document.at("/info/title").asString(""));
        assertTrue(document.path("paths").has(aPathItServes),
                "no " + aPathItServes + " in " + document.path("paths").propertyNames());
        // What the gateway publishes documents the public API only: no internal path a caller outside cannot reach.
        assertEquals(List.of(), document.path("paths").propertyNames().stream()
                .filter(path -> !path.startsWith("/v1/")).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/openapi", "/q/openapi.json", "/q/health", "/q/metrics"})
    void theServicesOwnPathsStayClosed(String path) {
        Reply reply = Gateway.send("GET", path, null, (String) null);

        assertEquals(404, reply.status(), reply.toString());
        assertEquals("NOT_FOUND", reply.json().path("code").asString(""));
    }
}
