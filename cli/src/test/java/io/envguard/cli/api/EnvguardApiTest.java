package io.envguard.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EnvguardApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> names(String body, String wrapper) throws Exception {
        List<String> names = new ArrayList<>();
        for (JsonNode item : EnvguardApi.items(JSON.readTree(body), wrapper)) {
            names.add(item.get("name").asText());
        }
        return names;
    }

    @Test
    void listsAreReadFromItemsOrFromTheNamedWrapperOfBasetensSpec() throws Exception {
        assertEquals(List.of("production", "staging"), names(
                "{\"items\":[{\"name\":\"production\"},{\"name\":\"staging\"}],\"pagination\":{\"has_more\":false}}",
                "items"));
        assertEquals(List.of("default", "ml"), names(
                "{\"teams\":[{\"name\":\"default\",\"default\":true},{\"name\":\"ml\",\"default\":false}]}",
                "teams"));
        assertEquals(List.of("ci"), names("{\"keys\":[{\"prefix\":\"k1\",\"name\":\"ci\"}]}", "keys"));
        assertEquals(List.of("m"), names("{\"models\":[{\"name\":\"m\"}]}", "models"));
        assertEquals(List.of(), names("{\"something_else\":[]}", "models"));
    }

    @Test
    void aJwtIsSentAsBearerAndAnApiKeyAsApiKey() {
        assertEquals("Api-Key abcd1234.secret", new Credential(" abcd1234.secret ").header());
        assertEquals("Bearer aaa.bbb.ccc", new Credential("aaa.bbb.ccc").header());
    }
}
