package io.envguard.authz.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Rebuilds the access table from the whole topic without an outage of checks: the history is applied, by the same
 * {@link AccessProjection}, to a shadow schema laid out by the same migrations; then the live projection is held for
 * a moment, the shadow catches up with the topic's end and replaces the live tables in one transaction. Checks keep
 * answering from the live tables (and cached facts) all along. The shadow ends at least as far as the live table,
 * so the live consumer sees what it had not yet applied as duplicates.
 */
@ApplicationScoped
public class AccessTableRebuild {

    private static final Logger LOG = Logger.getLogger(AccessTableRebuild.class);
    static final String SHADOW_SCHEMA = "access_rebuild";
    private static final int EVENTS_PER_TRANSACTION = 50;
    private static final List<String> TABLES = List.of("organization_position", "held_event", "member", "team",
            "team_member", "environment_group", "access_grant", "api_key");

    /** Where the last rebuild is, for the operator who asked for it. */
    public record Status(String state, Instant startedAt, Instant finishedAt, long events, Double eventsPerSecond,
                         String error) {
        static Status idle() {
            return new Status("NEVER_RUN", null, null, 0, null, null);
        }
    }

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final AccessProjection projection;
    private final ProjectionGate gate;
    private final ObjectMapper mapper;
    private final String bootstrapServers;
    private final String topic;
    private final List<Runnable> afterSwap;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle());
    private final AtomicLong progress = new AtomicLong();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "access-table-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public AccessTableRebuild(AgroalDataSource dataSource, Flyway flyway, AccessProjection projection,
                              ProjectionGate gate, ObjectMapper mapper,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                              @ConfigProperty(name = "mp.messaging.incoming.environment-events.topic") String topic,
                              Instance<AccessTableListener> listeners) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.projection = projection;
        this.gate = gate;
        this.mapper = mapper;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.afterSwap = listeners.stream().<Runnable>map(l -> l::accessTableReplaced).toList();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background; false when one is already running. */
    public synchronized boolean start() {
        if ("RUNNING".equals(status.get().state())) {
            return false;
        }
        Instant started = Instant.now();
        progress.set(0);
        status.set(new Status("RUNNING", started, null, 0, null, null));
        worker.submit(() -> run(started));
        return true;
    }

    private void run(Instant started) {
        long events = 0;
        boolean gateClosed = false;
        try {
            createShadow();
            Instant applying = Instant.now();
            try (KafkaConsumer<String, String> consumer = consumer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                consumer.assign(partitions);
                if (consumer.beginningOffsets(partitions).values().stream().anyMatch(first -> first > 0)) {
                    throw new IllegalStateException(topic + " no longer holds the whole history (retention must be"
                            + " unlimited); a rebuild would lose what was deleted");
                }
                consumer.seekToBeginning(partitions);
                events += applyUntil(consumer, consumer.endOffsets(partitions), started);
                CompletableFuture<Void> drained = gate.close();
                gateClosed = true;
                drained.get(30, TimeUnit.SECONDS);
                events += applyUntil(consumer, consumer.endOffsets(partitions), started);
                swap();
            }
            afterSwap.forEach(Runnable::run);
            Instant finished = Instant.now();
            // The rate counts the time spent applying events, not the fixed cost of laying out the shadow tables.
            double seconds = Math.max(0.001, Duration.between(applying, finished).toNanos() / 1e9);
            status.set(new Status("DONE", started, finished, events, events / seconds, null));
            LOG.infof("access table rebuilt from %d events in %.1f s (%.1f s applying them: %.0f events/s)", events,
                    Duration.between(started, finished).toMillis() / 1e3, seconds, events / seconds);
        } catch (Throwable e) {
            LOG.error("rebuilding the access table failed; the live table is unchanged", e);
            status.set(new Status("FAILED", started, Instant.now(), events, null, String.valueOf(e.getMessage())));
            dropShadowQuietly();
        } finally {
            if (gateClosed) {
                gate.open();
            }
        }
    }

    /** Applies records until every partition has reached its end offset; returns how many events were applied. */
    private long applyUntil(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends, Instant started)
            throws Throwable {
        long before = progress.get();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            List<EnvironmentEvent> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                try {
                    batch.add(EnvironmentEvent.parse(mapper, record.value()));
                } catch (EnvironmentEvent.MalformedEventException e) {
                    // Skipped by the live projection too.
                }
            }
            // Short transactions: a Hibernate session re-checks every entity it holds before each query.
            for (int from = 0; from < batch.size(); from += EVENTS_PER_TRANSACTION) {
                List<EnvironmentEvent> chunk = batch.subList(from, Math.min(batch.size(), from + EVENTS_PER_TRANSACTION));
                VertxContextSupport.subscribeAndAwait(() -> projection.applyAllToSchema(SHADOW_SCHEMA, chunk));
                progress.addAndGet(chunk.size());
            }
            status.set(new Status("RUNNING", started, null, progress.get(), null, null));
        }
        return progress.get() - before;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private void createShadow() throws SQLException {
        dropShadow();
        // The shadow is laid out by the same migrations as the live schema, so the two can be swapped table by table.
        Flyway.configure().configuration(flyway.getConfiguration())
                .schemas(SHADOW_SCHEMA).defaultSchema(SHADOW_SCHEMA).createSchemas(true)
                .load().migrate();
    }

    private void swap() throws SQLException {
        String live = String.join(", ", TABLES.stream().map(t -> "public." + t).toList());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + live + " IN ACCESS EXCLUSIVE MODE");
                s.execute("DROP TABLE " + live);
                for (String table : TABLES) {
                    s.execute("ALTER TABLE " + SHADOW_SCHEMA + "." + table + " SET SCHEMA public");
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        dropShadow();
    }

    private void dropShadow() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SHADOW_SCHEMA + " CASCADE");
        }
    }

    private void dropShadowQuietly() {
        try {
            dropShadow();
        } catch (SQLException e) {
            LOG.warn("cannot drop the shadow schema " + SHADOW_SCHEMA, e);
        }
    }
}
