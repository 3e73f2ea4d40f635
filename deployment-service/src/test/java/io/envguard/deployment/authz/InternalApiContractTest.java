package io.envguard.deployment.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * deployment-service's side of authz-service's internal API: its client's requests and answers against the recorded
 * examples in envguard-contract ({@code io/envguard/contract/api}), which authz-service is tested against too.
 */
class InternalApiContractTest {

    /** As quarkus.jackson.property-naming-strategy sets it in application.properties. */
    private final ObjectMapper mapper = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void aCheckIsAskedAsTheRecordedCheckRequest() throws IOException {
        CheckRequest request = new CheckRequest("0b6f4c52-6a3e-4e8f-9a51-2f1d3c4b5a60",
                "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "production", Action.PROMOTE, 42L);
        assertEquals(mapper.readTree(example("checks.request.json")), mapper.readTree(mapper.writeValueAsString(request)));
    }

    @Test
    void theRecordedCheckAnswerReadsAsTheClientExpectsIt() throws IOException {
        assertEquals(new CheckResult(false, "NOT_GRANTED", 42L, "5d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a"),
                mapper.readValue(example("checks.answer.json"), CheckResult.class));
    }

    private static InputStream example(String name) {
        return InternalApiContractTest.class.getResourceAsStream("/io/envguard/contract/api/" + name);
    }
}
