package io.envguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The three services started from their packaged jars ({@code <module>/target/quarkus-app/quarkus-run.jar}) in the
 * production profile, each with the environment its container gets from {@code k8s/base} and nothing else: no variable
 * of this process is inherited. The identity provider comes from the caller, as the ConfigMap {@code envguard-identity}
 * would give it.
 * <p>
 * They run beside the local platform, on free ports, on its PostgreSQL and Kafka, but with databases, a topic and a
 * consumer group of their own, named with the suffix {@code envguard.prod-profile.suffix} ({@code _test} by default:
 * the services' test databases, which are wiped first, as the {@code @QuarkusTest}s do). Each connects to Kafka as its
 * own user, as its Deployment does with its KafkaUser's Secret; the users get the same ACLs on the suffixed topic and
 * group as on the platform's own ({@link LocalKafka}).
 */
final class ProductionServices implements AutoCloseable {

    enum Service {
        ENVIRONMENT("environment-service", "envguard_environment"),
        AUTHZ("authz-service", "envguard_authz"),
        DEPLOYMENT("deployment-service", "envguard_deployment");

        private final String module;
        private final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    private static final Path ROOT = Path.of(System.getProperty("envguard.root", "..")).toAbsolutePath().normalize();
    private static final String SUFFIX = System.getProperty("envguard.prod-profile.suffix", "_test");
    private static final String DB_HOST = environment("ENVGUARD_DB_HOST", "127.0.0.1");
    private static final String DB_PORT = environment("ENVGUARD_DB_PORT", "5432");
    private static final String DB_USER = environment("ENVGUARD_DB_USER", "postgres");
    private static final String DB_PASSWORD = environment("ENVGUARD_DB_PASSWORD", "");
    private static final String KAFKA = environment("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Map<Service, Integer> ports;
    private final Map<Service, Process> processes = new EnumMap<>(Service.class);
    private final Path logs = Path.of("target", "prod-profile").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ProductionServices(Map<Service, Integer> ports) {
        this.ports = ports;
    }

    /** Starts the three services and waits until each is ready; {@code identity} is the issuer's configuration. */
    static ProductionServices start(Map<String, String> identity) {
        ProductionServices services = new ProductionServices(freePorts());
        Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        services.wipeDatabases();
        LocalKafka.grantOnSuffixed(SUFFIX);
        // All at once, as an orchestrator starts them: authz-service subscribes to the topic even before
        // environment-service has created it.
        for (Service service : Service.values()) {
            services.launch(service, identity);
        }
        for (Service service : Service.values()) {
            services.awaitReady(service);
        }
        return services;
    }

    String url(Service service) {
        return "http://127.0.0.1:" + ports.get(service);
    }

    /** Stops every service as its orchestrator would: SIGTERM, then SIGKILL after the grace period. */
    @Override
    public synchronized void close() {
        processes.values().forEach(Process::destroy);
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }

    /** What k8s/base gives each container (its ConfigMap and the database secret), with local addresses. */
    private Map<String, String> environmentOf(Service service, Map<String, String> identity) {
        Map<String, String> env = new LinkedHashMap<>(identity);
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.get(service)));
        // Loopback only, as everything else this machine runs for the platform.
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("ENVGUARD_DB_HOST", DB_HOST);
        env.put("ENVGUARD_DB_PORT", DB_PORT);
        env.put("ENVGUARD_DB_USER", DB_USER);
        env.put("ENVGUARD_DB_PASSWORD", DB_PASSWORD);
        String database = DB_HOST + ":" + DB_PORT + "/" + service.database + SUFFIX;
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + database);
        String topic = "envguard.environment.events" + SUFFIX;
        switch (service) {
            case ENVIRONMENT -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
                env.putAll(LocalKafka.serviceEnvironment(LocalKafka.PUBLISHER));
                env.put("AUTHZ_URL", url(Service.AUTHZ));
                env.put("ENVGUARD_EVENTS_TOPIC", topic);
            }
            case AUTHZ -> {
                env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA);
                env.putAll(LocalKafka.serviceEnvironment(LocalKafka.CONSUMER));
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + database);
                env.put("MP_MESSAGING_INCOMING_ENVIRONMENT_EVENTS_TOPIC", topic);
                env.put("MP_MESSAGING_INCOMING_ENVIRONMENT_EVENTS_GROUP_ID", "authz-service" + SUFFIX);
            }
            case DEPLOYMENT -> {
                env.put("AUTHZ_URL", url(Service.AUTHZ));
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + database);
            }
        }
        return env;
    }

    private void launch(Service service, Map<String, String> identity) {
        processes.put(service, start(service, environmentOf(service, identity), logs.resolve(service.module)));
    }

    /**
     * Starts one more copy of the service, with its production environment changed by {@code overrides}, on a port of
     * its own, and expects it to refuse to start: answers what it logged before it exited. Fails when it becomes ready.
     */
    String refusedStart(Service service, Map<String, String> identity, Map<String, String> overrides) {
        Map<String, String> env = environmentOf(service, identity);
        env.putAll(overrides);
        try (ServerSocket socket = new ServerSocket(0)) {
            env.put("QUARKUS_HTTP_PORT", String.valueOf(socket.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
        Path directory = logs.resolve(service.module + "-refused");
        Process process = start(service, env, directory);
        try {
            if (!process.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(service.module + " still runs after " + READY_WITHIN + " with " + overrides);
            }
            String log = Files.readString(directory.resolve("service.log"));
            if (process.exitValue() == 0) {
                throw new AssertionError(service.module + " exited normally with " + overrides + ":\n" + log);
            }
            return log;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Process start(Service service, Map<String, String> environment, Path directory) {
        Path jar = ROOT.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build the services first (mvn -DskipTests package)");
        }
        try {
            Files.createDirectories(directory);
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx512m", "-jar", jar.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("service.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.module, e);
        }
    }

    private void awaitReady(Service service) {
        Process process = processes.get(service);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module + " exited while starting:\n" + logOf(service));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(300));
        }
        throw new IllegalStateException(service.module + " not ready within " + READY_WITHIN + ":\n" + logOf(service));
    }

    /** Databases of their own, as a new installation has them: empty (created when missing). */
    private void wipeDatabases() {
        String server = "jdbc:postgresql://" + DB_HOST + ":" + DB_PORT + "/";
        for (Service service : Service.values()) {
            String database = service.database + SUFFIX;
            try (Connection postgres = DriverManager.getConnection(server + "postgres", DB_USER, DB_PASSWORD);
                 Statement statement = postgres.createStatement()) {
                if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'").next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database, e);
            }
            try (Connection connection = DriverManager.getConnection(server + database, DB_USER, DB_PASSWORD);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
                statement.execute("CREATE SCHEMA public");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot wipe database " + database, e);
            }
        }
    }

    private String logOf(Service service) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(service.module).resolve("service.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Three distinct free ports: each socket stays open until all are found. */
    private static Map<Service, Integer> freePorts() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0);
             ServerSocket third = new ServerSocket(0)) {
            ports.put(Service.ENVIRONMENT, first.getLocalPort());
            ports.put(Service.AUTHZ, second.getLocalPort());
            ports.put(Service.DEPLOYMENT, third.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports", e);
        }
        return ports;
    }

    private static String environment(String name, String fallback) {
        return System.getenv().getOrDefault(name, fallback);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
