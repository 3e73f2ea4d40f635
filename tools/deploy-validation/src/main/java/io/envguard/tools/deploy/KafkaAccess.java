package io.envguard.tools.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Who may do what on Kafka (k8s/base/kafka.yaml): every listener authenticates, the cluster authorises with ACLs and has
 * no super user, each service that talks to Kafka has its own KafkaUser with exactly the ACLs below, and its Deployment
 * connects as that user (SASL, the JAAS line from the user's Secret). Above all, only environment-service may write the
 * events topic: whoever else could would publish events authz-service applies.
 */
final class KafkaAccess {

    static final String EVENTS_TOPIC = "envguard.environment.events";
    static final String PUBLISHER = "environment-service";

    /**
     * Each user's ACLs, as "allow type:name(patternType) Operation": nothing more, nothing less. Read from
     * tools/kafka-broker/acls.txt (on the class path), which bin/platform gives the local broker too.
     */
    static final Map<String, Set<String>> INTENDED = intended();

    private KafkaAccess() {
    }

    private static Map<String, Set<String>> intended() {
        Map<String, Set<String>> intended = new TreeMap<>();
        try (InputStream in = KafkaAccess.class.getResourceAsStream("/acls.txt")) {
            if (in == null) {
                throw new IllegalStateException("acls.txt (tools/kafka-broker) is not on the class path");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] userAndAcl = line.strip().split(" ", 2);
                intended.computeIfAbsent(userAndAcl[0], user -> new TreeSet<>()).add(userAndAcl[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(intended);
    }

    /**
     * Checks one overlay's objects. {@code talksToKafka} says whether a container (named as its service) reads a Kafka
     * address; those services need a KafkaUser and its credentials.
     */
    static void check(String overlay, List<JsonNode> objects, Predicate<String> talksToKafka, Problems problems) {
        Map<String, JsonNode> users = new HashMap<>();
        boolean cluster = false;
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            if (!object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                continue;
            }
            String name = object.path("metadata").path("name").asText();
            if ("Kafka".equals(kind)) {
                cluster = true;
                checkCluster(object.path("spec").path("kafka"), overlay + ": Kafka/" + name, problems);
            } else if ("KafkaUser".equals(kind)) {
                users.put(name, object);
                checkUser(name, object.path("spec"), overlay + ": KafkaUser/" + name, problems);
            }
        }
        if (!cluster) {
            return;
        }
        for (String user : INTENDED.keySet()) {
            if (!users.containsKey(user)) {
                problems.add(overlay + ": KafkaUser/" + user, "missing: " + user + " needs its own user and ACLs");
            }
        }
        for (JsonNode object : objects) {
            if ("Deployment".equals(object.path("kind").asText())) {
                for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                    String service = container.path("name").asText();
                    if (talksToKafka.test(service)) {
                        checkCredentials(service, container, users.containsKey(service),
                                overlay + ": Deployment/" + object.path("metadata").path("name").asText(), problems);
                    }
                }
            }
        }
    }

    private static void checkCluster(JsonNode kafka, String where, Problems problems) {
        if (!"simple".equals(kafka.path("authorization").path("type").asText())) {
            problems.add(where, "authorization must be `type: simple`: without it any client may do anything");
        }
        if (kafka.path("authorization").path("superUsers").size() > 0) {
            problems.add(where, "no super users: every client is limited by its KafkaUser's ACLs");
        }
        for (JsonNode listener : kafka.path("listeners")) {
            if (listener.path("authentication").path("type").asText().isEmpty()) {
                problems.add(where, "listener " + listener.path("name").asText()
                        + " has no authentication: anyone reaching it would be anonymous");
            }
        }
    }

    private static void checkUser(String name, JsonNode spec, String where, Problems problems) {
        if (!"scram-sha-512".equals(spec.path("authentication").path("type").asText())) {
            problems.add(where, "authentication must be scram-sha-512 (what the services connect with)");
        }
        Set<String> actual = new TreeSet<>();
        for (JsonNode acl : spec.path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String prefix = acl.path("type").asText("allow") + " " + resource.path("type").asText() + ":"
                    + resource.path("name").asText("*") + "(" + resource.path("patternType").asText("literal") + ")";
            for (JsonNode operation : acl.path("operations")) {
                actual.add(prefix + " " + operation.asText());
            }
            if (isEventsTopic(resource) && !PUBLISHER.equals(name)) {
                for (JsonNode operation : acl.path("operations")) {
                    if (Set.of("Write", "All").contains(operation.asText()) && !"deny".equals(acl.path("type").asText())) {
                        problems.add(where, "may " + operation.asText() + " " + EVENTS_TOPIC + ": only " + PUBLISHER
                                + " may publish events");
                    }
                }
            }
        }
        Set<String> intended = INTENDED.get(name);
        if (intended == null) {
            problems.add(where, "unknown user: only " + new TreeSet<>(INTENDED.keySet()) + " use Kafka");
            return;
        }
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(intended);
        Set<String> missing = new TreeSet<>(intended);
        missing.removeAll(actual);
        if (!extra.isEmpty()) {
            problems.add(where, "ACLs beyond what " + name + " needs: " + extra);
        }
        if (!missing.isEmpty()) {
            problems.add(where, "ACLs " + name + " needs are missing: " + missing);
        }
    }

    /** A topic resource that covers the events topic: its literal name, a prefix of it, or every topic. */
    private static boolean isEventsTopic(JsonNode resource) {
        if (!"topic".equals(resource.path("type").asText())) {
            return false;
        }
        String name = resource.path("name").asText("*");
        return "prefix".equals(resource.path("patternType").asText()) ? EVENTS_TOPIC.startsWith(name)
                : "*".equals(name) || EVENTS_TOPIC.equals(name);
    }

    private static void checkCredentials(String service, JsonNode container, boolean hasUser, String where,
                                         Problems problems) {
        if (!hasUser) {
            problems.add(where, service + " talks to Kafka but has no KafkaUser " + service);
        }
        Map<String, JsonNode> env = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable);
        }
        if (!env.getOrDefault("KAFKA_SECURITY_PROTOCOL", container.path("missing")).path("value").asText()
                .startsWith("SASL_")) {
            problems.add(where, service + " must connect to Kafka with KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL");
        }
        if (!"SCRAM-SHA-512".equals(env.getOrDefault("KAFKA_SASL_MECHANISM", container.path("missing")).path("value").asText())) {
            problems.add(where, service + " must set KAFKA_SASL_MECHANISM SCRAM-SHA-512 (its KafkaUser's mechanism)");
        }
        JsonNode secret = env.getOrDefault("KAFKA_SASL_JAAS_CONFIG", container.path("missing"))
                .path("valueFrom").path("secretKeyRef");
        if (!service.equals(secret.path("name").asText()) || !"sasl.jaas.config".equals(secret.path("key").asText())) {
            problems.add(where, service + " must take KAFKA_SASL_JAAS_CONFIG from key sasl.jaas.config of Secret "
                    + service + " (created by the User Operator for its KafkaUser)");
        }
    }
}
