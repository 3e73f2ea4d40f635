package io.envguard.authz.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.envguard.contract.decision.Reason;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * authz-service's side of the internal API against the recorded examples in envguard-contract
 * ({@code io/envguard/contract/api}), which deployment-service's client is tested against too.
 */
class InternalApiContractTest {

    /** As quarkus.jackson.property-naming-strategy sets it in application.properties. */
    private final ObjectMapper json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void theRecordedCheckRequestReadsAsTheResourceExpectsIt() throws IOException {
        InternalCheckResource.CheckBody body = json.readValue(recorded("checks.request.json"),
                InternalCheckResource.CheckBody.class);
        assertEquals(new InternalCheckResource.CheckBody("0b6f4c52-6a3e-4e8f-9a51-2f1d3c4b5a60",
                "7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f", "production", "PROMOTE", 42L), body);
    }

    @Test
    void aDecisionIsWrittenAsTheRecordedCheckAnswer() throws IOException {
        Decision decision = new Decision(false, Reason.NOT_GRANTED, 42, "5d9e8f7a-6b5c-4d3e-2f1a-0b9c8d7e6f5a");
        assertEquals(json.readTree(recorded("checks.answer.json")), json.readTree(json.writeValueAsString(decision)));
    }

    private static InputStream recorded(String name) {
        return InternalApiContractTest.class.getResourceAsStream("/io/envguard/contract/api/" + name);
    }
}
