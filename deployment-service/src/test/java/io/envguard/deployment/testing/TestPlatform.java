package io.envguard.deployment.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;

/**
 * What the service needs around it in a test: its database on the local PostgreSQL (created when missing), an RSA
 * key pair under target/ whose public half verifies the JWTs the tests sign, and a local port for authz-service,
 * on which the tests start {@link StubAuthz} (closed until they do).
 */
public class TestPlatform implements QuarkusTestResourceLifecycleManager {

    static final String AUTHZ_PORT_PROPERTY = "envguard.test.authz-port";
    static final Path KEYS = Path.of("target", "test-keys");
    static final String DATABASE = "envguard_deployment_test";

    @Override
    public Map<String, String> start() {
        createDatabaseIfMissing();
        Path publicKey = writeKeyPair();
        int authzPort = freePort();
        System.setProperty(AUTHZ_PORT_PROPERTY, String.valueOf(authzPort));
        return Map.of(
                "mp.jwt.verify.publickey.location", publicKey.toAbsolutePath().toString(),
                "quarkus.rest-client.authz.url", "http://127.0.0.1:" + authzPort);
    }

    @Override
    public void stop() {
        // The stub belongs to the tests' class loader; AuthzStubs stops it when the JVM ends.
    }

    private static void createDatabaseIfMissing() {
        String host = System.getenv().getOrDefault("ENVGUARD_DB_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("ENVGUARD_DB_PORT", "5432");
        String user = System.getenv().getOrDefault("ENVGUARD_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("ENVGUARD_DB_PASSWORD", "");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = connection.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + host + ":" + port + " is needed by the tests", e);
        }
    }

    /** Once per build: a test resource may be started more than once, and the service keeps the key it read first. */
    private static Path writeKeyPair() {
        Path publicKey = KEYS.resolve("public.pem");
        if (Files.exists(publicKey) && Files.exists(KEYS.resolve("private.pem"))) {
            return publicKey;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(KEYS);
            Files.writeString(KEYS.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return publicKey;
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
