package io.envguard.tools;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a PostgreSQL server from Maven artifacts until the process is stopped, and creates the given databases when missing.
 *
 * <p>Usage: {@code EmbeddedPostgresLauncher <port> <data dir> <database>...}
 */
public final class EmbeddedPostgresLauncher {

    private EmbeddedPostgresLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPostgresLauncher <port> <data dir> <database>...");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                // Keep the data across restarts: `bin/platform reset` is what wipes it.
                .setCleanDataDirectory(false)
                // Loopback only, like every other part bin/platform runs: it trusts every local connection.
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }));
        createDatabases(port, List.of(args).subList(2, args.length));
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + port);
        new CountDownLatch(1).await();
    }

    private static void createDatabases(int port, List<String> names) throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a database name: " + name);
                }
                var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                exists.setString(1, name);
                if (!exists.executeQuery().next()) {
                    connection.createStatement().execute("CREATE DATABASE " + name);
                }
            }
        }
    }
}
