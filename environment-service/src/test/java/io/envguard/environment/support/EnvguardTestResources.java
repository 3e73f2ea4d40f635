package io.envguard.environment.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What every {@code @QuarkusTest} of the module runs against: the real PostgreSQL on 127.0.0.1:5432 (database
 * {@code envguard_environment_test}, created when missing), a real in-process Kafka broker, and a fresh RSA key pair
 * under {@code target/} for the local token issuer and the JWT verification. authz-service is not part of this
 * module: a {@link FakeAuthz} answers its revision endpoint, so every change still goes through the wait for it.
 */
public class EnvguardTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "envguard_environment_test";
    private static volatile String bootstrapServers;

    private EmbeddedKafkaBroker broker;
    private FakeAuthz authz;

    @Override
    public Map<String, String> start() {
        createDatabaseIfMissing();
        Path keys = writeKeyPair();
        broker = new EmbeddedKafkaBroker().withDeleteLogDirsOnClose(true).start();
        bootstrapServers = broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
        try {
            authz = new FakeAuthz();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the stand-in for authz-service", e);
        }
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "quarkus.rest-client.authz.url", authz.url(),
                "envguard.consistency.await-propagation", "true",
                "mp.jwt.verify.publickey.location", keys.resolve("public.pem").toString(),
                "smallrye.jwt.sign.key.location", keys.resolve("private.pem").toString());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
        if (authz != null) {
            authz.stop();
        }
    }

    /** The in-process broker, for tests that read the published events. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    /** The records of one organisation on a topic, read from its start by a new group, until {@code expected} or {@code within}. */
    public static List<ConsumerRecord<String, String>> recordsOf(String topic, String organizationId, int expected,
                                                                 Duration within) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(within);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (organizationId.equals(record.key())) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static void createDatabaseIfMissing() {
        String host = System.getenv().getOrDefault("ENVGUARD_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("ENVGUARD_DB_PORT", "5432");
        String user = System.getenv().getOrDefault("ENVGUARD_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ENVGUARD_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + DATABASE, e);
        }
    }

    private static Path writeKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path directory = Files.createDirectories(Path.of("target", "test-keys")).toAbsolutePath();
            Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return directory;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot write the test key pair", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
