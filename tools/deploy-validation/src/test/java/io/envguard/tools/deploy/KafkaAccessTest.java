package io.envguard.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** KafkaAccess on the manifests of k8s/base, as they are and with one thing changed. */
class KafkaAccessTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path BASE = Path.of("../../k8s/base");
    private static final Set<String> KAFKA_CLIENTS = Set.of("environment-service", "authz-service");

    @Test
    void theManifestsGrantExactlyTheIntendedAccess() throws IOException {
        assertEquals(List.of(), problems(manifests()));
    }

    /** acls.txt is also what the local broker gets (bin/platform): it must itself keep the events topic to the publisher. */
    @Test
    void theIntendedAclsLetOnlyThePublisherWriteTheEventsTopic() {
        KafkaAccess.INTENDED.forEach((user, acls) -> assertEquals(KafkaAccess.PUBLISHER.equals(user),
                acls.contains("allow topic:" + KafkaAccess.EVENTS_TOPIC + "(literal) Write"), user + ": " + acls));
        assertEquals(Set.of(KafkaAccess.PUBLISHER, "authz-service"), KafkaAccess.INTENDED.keySet());
    }

    @Test
    void writeOnTheEventsTopicByAuthzServiceIsRefused() throws IOException {
        List<JsonNode> objects = manifests();
        ArrayNode acls = (ArrayNode) find(objects, "KafkaUser", "authz-service").path("spec").path("authorization").path("acls");
        ((ArrayNode) acls.get(0).path("operations")).add("Write");

        List<String> problems = problems(objects);

        assertTrue(problems.stream().anyMatch(p -> p.contains("KafkaUser/authz-service")
                && p.contains("may Write envguard.environment.events")), problems.toString());
    }

    @Test
    void aPrefixAclCoveringTheEventsTopicIsRefusedToo() throws IOException {
        List<JsonNode> objects = manifests();
        ObjectNode resource = (ObjectNode) find(objects, "KafkaUser", "authz-service").path("spec").path("authorization")
                .path("acls").get(2).path("resource");
        resource.put("name", "envguard.").put("patternType", "prefix");

        List<String> problems = problems(objects);

        assertTrue(problems.stream().anyMatch(p -> p.contains("may Write envguard.environment.events")), problems.toString());
    }

    @Test
    void aListenerWithoutAuthenticationIsRefused() throws IOException {
        List<JsonNode> objects = manifests();
        ((ObjectNode) find(objects, "Kafka", "envguard-kafka").path("spec").path("kafka").path("listeners").get(0))
                .remove("authentication");

        assertTrue(problems(objects).stream().anyMatch(p -> p.contains("has no authentication")));
    }

    @Test
    void aClusterWithoutAuthorizationIsRefused() throws IOException {
        List<JsonNode> objects = manifests();
        ((ObjectNode) find(objects, "Kafka", "envguard-kafka").path("spec").path("kafka")).remove("authorization");

        assertTrue(problems(objects).stream().anyMatch(p -> p.contains("authorization must be `type: simple`")));
    }

    @Test
    void aServiceWithoutItsUserOrCredentialsIsRefused() throws IOException {
        List<JsonNode> objects = manifests();
        objects.remove(find(objects, "KafkaUser", "environment-service"));
        ((ObjectNode) find(objects, "Deployment", "authz-service").path("spec").path("template").path("spec")
                .path("containers").get(0)).remove("env");

        List<String> problems = problems(objects);

        assertTrue(problems.stream().anyMatch(p -> p.contains("has no KafkaUser environment-service")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Deployment/authz-service")
                && p.contains("KAFKA_SASL_JAAS_CONFIG")), problems.toString());
    }

    private static List<String> problems(List<JsonNode> objects) {
        Problems problems = new Problems();
        KafkaAccess.check("base", objects, KAFKA_CLIENTS::contains, problems);
        return problems.all();
    }

    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        for (String file : List.of("kafka.yaml", "environment-service.yaml", "authz-service.yaml", "deployment-service.yaml")) {
            try (var documents = YAML.readValues(YAML.getFactory().createParser(BASE.resolve(file).toFile()), JsonNode.class)) {
                documents.forEachRemaining(document -> {
                    if (document != null && !document.isEmpty()) {
                        objects.add(document);
                    }
                });
            }
        }
        return objects;
    }

    private static JsonNode find(List<JsonNode> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())
                && name.equals(o.path("metadata").path("name").asText())).findFirst().orElseThrow();
    }
}
