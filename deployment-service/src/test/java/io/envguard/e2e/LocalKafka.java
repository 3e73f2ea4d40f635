package io.envguard.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The local platform's broker as its users see it: the client properties bin/platform keeps for each user in
 * {@code .platform/kafka/users/<user>.properties} (address, SCRAM-SHA-512 and the user's password), and the ACLs of
 * {@code tools/kafka-broker/acls.txt}. Every test that connects to that broker, or starts a service on it, takes the
 * credentials from here.
 */
final class LocalKafka {

    static final String ADMIN = "envguard-admin";
    static final String PUBLISHER = "environment-service";
    static final String CONSUMER = "authz-service";
    static final String EVENTS_TOPIC = "envguard.environment.events";

    private static final Path ROOT = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();

    private LocalKafka() {
    }

    /** The client properties to connect as this user. */
    static Properties as(String user) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve(".platform/kafka/users/" + user + ".properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("no credentials of " + user + ": is the platform up (bin/platform up)?", e);
        }
        return properties;
    }

    /** The variables of a service's "Kafka security" section, for a service that connects as this user. */
    static Map<String, String> serviceEnvironment(String user) {
        Properties properties = as(user);
        return Map.of("KAFKA_SECURITY_PROTOCOL", properties.getProperty("security.protocol"),
                "KAFKA_SASL_MECHANISM", properties.getProperty("sasl.mechanism"),
                "KAFKA_SASL_JAAS_CONFIG", properties.getProperty("sasl.jaas.config"));
    }

    /** The ACLs of acls.txt. */
    static List<AclBinding> intendedAcls() {
        List<AclBinding> bindings = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(ROOT.resolve("tools/kafka-broker/acls.txt"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                // "<user> allow <type>:<name>(<pattern>) <Operation>"
                String[] words = line.strip().split(" ");
                String type = words[2].substring(0, words[2].indexOf(':'));
                String name = words[2].substring(type.length() + 1, words[2].indexOf('('));
                PatternType pattern = words[2].endsWith("(prefix)") ? PatternType.PREFIXED : PatternType.LITERAL;
                bindings.add(new AclBinding(new ResourcePattern(ResourceType.fromString(type), name, pattern),
                        new AccessControlEntry("User:" + words[0], "*", AclOperation.fromString(words[3]),
                                AclPermissionType.fromString(words[1]))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bindings;
    }

    /**
     * Gives each user the ACLs it has on the events topic, its dead-letter topic and authz-service's group also on the
     * copies named with this suffix: the topic and group of services started beside the platform's own
     * ({@link ProductionServices}).
     */
    static void grantOnSuffixed(String suffix) {
        List<AclBinding> suffixed = new ArrayList<>();
        for (AclBinding binding : intendedAcls()) {
            ResourcePattern pattern = binding.pattern();
            String name = pattern.resourceType() == ResourceType.TOPIC
                    ? pattern.name().replace(EVENTS_TOPIC, EVENTS_TOPIC + suffix)
                    : pattern.name() + suffix;
            suffixed.add(new AclBinding(new ResourcePattern(pattern.resourceType(), name, pattern.patternType()),
                    binding.entry()));
        }
        try (Admin admin = Admin.create(as(ADMIN))) {
            admin.createAcls(suffixed).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot give the ACLs on the " + suffix + " topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
