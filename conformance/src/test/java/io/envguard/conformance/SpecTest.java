package io.envguard.conformance;

import io.envguard.conformance.Spec.Operation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself, without the platform: what it sends conforms, and its validator finds what does not. */
class SpecTest {

    private final Spec spec = Spec.load();

    @Test
    void everyDocumentedRequestBodyConformsToItsRequestSchema() {
        List<String> problems = new ArrayList<>();
        for (Operation operation : spec.operations()) {
            if (operation.requestSchema() != null) {
                JsonNode body = spec.documentedBody(operation);
                spec.requestViolations(operation, body)
                        .forEach(violation -> problems.add(operation.key() + " " + body + ": " + violation));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theDocumentedBodyIsTheCurlSampleWithItsRequiredPlaceholdersFilled() {
        assertEquals(Spec.JSON.readTree("{\"name\": \"my-api-key\", \"type\": \"PERSONAL\"}"),
                spec.documentedBody(spec.operation("POST /v1/api_keys")));
        JsonNode push = spec.documentedBody(spec.operation("POST /v1/models/{model_id}/deployments"));
        assertEquals("model_archive", push.at("/source/kind").asString(), push.toString());
        assertTrue(push.at("/source/deployment/config").isObject(), push.toString());
    }

    @Test
    void everyOperationDocumentsAJsonResponseFor200() {
        List<String> undocumented = new ArrayList<>();
        for (Operation operation : spec.operations()) {
            List<String> violations = spec.responseViolations(operation, Spec.JSON.readTree("{}"));
            if (violations.stream().anyMatch(violation -> violation.startsWith("the spec documents no"))) {
                undocumented.add(operation.key());
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void theValidatorFindsAMissingFieldAWrongTypeAndAnEnvelopeOtherThanTheSpecs() {
        Operation getModel = spec.operation("GET /v1/models/{model_id}");
        Operation listModels = spec.operation("GET /v1/models");

        List<String> missing = spec.responseViolations(getModel, Spec.JSON.readTree("{\"id\": \"m1\"}"));
        List<String> wrongType = spec.responseViolations(getModel, Spec.JSON.readTree("{\"id\": 7}"));
        List<String> envelope = spec.responseViolations(listModels,
                Spec.JSON.readTree("{\"items\": [], \"pagination\": {\"has_more\": false}}"));

        assertTrue(missing.stream().anyMatch(violation -> violation.contains("required")), missing.toString());
        assertTrue(wrongType.stream().anyMatch(violation -> violation.contains("string")), wrongType.toString());
        assertTrue(envelope.stream().anyMatch(violation -> violation.contains("models")), envelope.toString());
    }

    @Test
    void aListInTheSpecsEnvelopeWithExtraFieldsConforms() {
        Operation listModels = spec.operation("GET /v1/models");

        assertEquals(List.of(), spec.responseViolations(listModels,
                Spec.JSON.readTree("{\"models\": [], \"revision\": 3}")));
        assertFalse(spec.operations().isEmpty());
    }
}
