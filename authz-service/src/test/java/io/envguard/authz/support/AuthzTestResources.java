package io.envguard.authz.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * What every @QuarkusTest of this module runs against, started once: the real PostgreSQL on 127.0.0.1:5432
 * (database envguard_authz_test), an in-process Kafka broker and an RSA key pair for JWTs. Before the service starts, a
 * history is already on the topic, so that readiness has something to catch up with.
 */
public class AuthzTestResources implements QuarkusTestResourceLifecycleManager {

    public static final String TOPIC = "envguard.environment.events";
    /** An organisation whose whole history is on the topic before the service starts. */
    public static final String HISTORY_ORGANIZATION = "org-history-before-start";
    public static final int HISTORY_EVENTS = 300;
    /** The file the service reads its operator token from. */
    public static final Path OPERATOR_TOKEN = Path.of("target", "test-operator", "token").toAbsolutePath();

    private EmbeddedKafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            createDatabase();
            Path keys = writeKeyPair();
            broker = new EmbeddedKafkaBroker().withNodeId(0).withDeleteLogDirsOnClose(true).start();
            String bootstrap = broker.getAdvertisedListeners();
            publishHistory(bootstrap);
            return Map.of(
                    "envguard.operator.token-file", writeOperatorToken().toString(),
                    "kafka.bootstrap.servers", bootstrap,
                    "mp.jwt.verify.publickey.location", keys.resolve("publicKey.pem").toString(),
                    "smallrye.jwt.sign.key.location", keys.resolve("privateKey.pem").toString());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test resources", e);
        }
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static void createDatabase() throws SQLException {
        String host = System.getenv().getOrDefault("ENVGUARD_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("ENVGUARD_DB_PORT", "5432");
        String user = System.getenv().getOrDefault("ENVGUARD_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ENVGUARD_DB_PASSWORD", "");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = 'envguard_authz_test'")) {
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("CREATE DATABASE envguard_authz_test");
                }
            }
        }
    }

    private static Path writeKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path dir = Path.of("target", "test-keys").toAbsolutePath();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("privateKey.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("publicKey.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return dir;
    }

    /** The operator token, as bin/platform makes it: 32 random bytes, base64url. */
    private static Path writeOperatorToken() throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(OPERATOR_TOKEN.getParent());
        Files.writeString(OPERATOR_TOKEN, Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        return OPERATOR_TOKEN;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void publishHistory(String bootstrap) {
        try (KafkaCompanion companion = new KafkaCompanion(bootstrap)) {
            companion.topics().createAndWait(TOPIC, 3);
            History history = new History(HISTORY_ORGANIZATION);
            history.add(history.organizationCreated("u-history-admin", "history-admin@example.com"));
            while (history.revision() < HISTORY_EVENTS) {
                history.add(history.memberAdded("u-history-" + history.revision(),
                        "history-" + history.revision() + "@example.com", "MEMBER"));
            }
            companion.produceStrings()
                    .fromRecords(history.events().stream()
                            .map(json -> record(HISTORY_ORGANIZATION, json)).toList())
                    .awaitCompletion();
        }
    }

    /** A record as environment-service publishes it: keyed by organisation, a structured CloudEvent. */
    public static ProducerRecord<String, String> record(String organizationId, String json) {
        return new ProducerRecord<>(TOPIC, null, organizationId, json, List.of(new RecordHeader("content-type",
                "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8))));
    }
}
