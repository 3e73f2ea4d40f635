package io.envguard.authz.projection;

import io.agroal.api.AgroalDataSource;
import io.envguard.authz.consistency.AccessTableListener;
import io.envguard.authz.consistency.PositionNotifications;
import io.envguard.contract.event.EnvironmentCloudEvent;
import io.envguard.edge.kafka.KafkaConnection;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Rebuilds the access table from the whole topic without an outage of checks: the history is applied, by the same
 * {@link AccessProjection}, to a shadow schema laid out by the same migrations; then the live projection is held for
 * a moment, the shadow catches up with the topic's end and replaces the live tables in one transaction. Checks keep
 * answering from the live tables (and cached facts) all along. The shadow ends at least as far as the live table,
 * so the live consumer sees what it had not yet applied as duplicates. With several replicas, the swap's lock fences
 * their consumers and its notification clears their caches. The swap also records the offsets the new table holds the
 * topic to ({@link AccessTableOffsets}). A replica that starts far behind runs a rebuild too ({@link AccessTableBootstrap});
 * one rebuild at a time across replicas.
 */
@ApplicationScoped
public class AccessTableRebuild {

    private static final Logger LOG = Logger.getLogger(AccessTableRebuild.class);
    static final String SHADOW_SCHEMA = "access_rebuild";
    private static final String LOCK = "envguard.access-table-rebuild";
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
    private final EventReader reader;
    private final KafkaConnection connection;
    private final String topic;
    private final List<Runnable> afterSwap;
    private final AtomicReference<Status> status = new AtomicReference<>(Status.idle());
    private final AtomicLong progress = new AtomicLong();
    private final Semaphore oneWaiter = new Semaphore(1);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "access-table-rebuild"));
    /** Folds the partitions of each poll of a rebuild in parallel. */
    private final ExecutorService folding = Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), r -> daemon(r, "access-table-fold"));

    public AccessTableRebuild(AgroalDataSource dataSource, Flyway flyway, AccessProjection projection,
                              ProjectionGate gate, EventReader reader,
                              KafkaConnection connection,
                              @ConfigProperty(name = "mp.messaging.incoming.environment-events.topic") String topic,
                              Instance<AccessTableListener> listeners) {
        this.dataSource = dataSource;
        this.flyway = flyway;
        this.projection = projection;
        this.gate = gate;
        this.reader = reader;
        this.connection = connection;
        this.topic = topic;
        this.afterSwap = listeners.stream().<Runnable>map(l -> l::accessTableReplaced).toList();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        folding.shutdownNow();
    }

    public Status status() {
        return status.get();
    }

    /** Starts a rebuild in the background; false when one is already running. */
    public synchronized boolean start() {
        if (running()) {
            return false;
        }
        Instant started = begin();
        worker.submit(() -> {
            try (RebuildLock lock = lock()) {
                run(started);
            } catch (Exception e) {
                // A failed rebuild has logged and reported itself; what is left failed around it (taking the lock).
                if (running()) {
                    LOG.error("rebuilding the access table failed; the live table is unchanged", e);
                    status.set(new Status("FAILED", started, Instant.now(), 0, null, String.valueOf(e.getMessage())));
                }
            }
        });
        return true;
    }

    /**
     * Rebuilds on the caller's thread if {@code needed} still says so once no other rebuild runs, on any replica (a
     * replica's bootstrap: another replica may have just loaded the table). Returns the offsets the rebuilt table
     * holds the topic to, or nothing when no rebuild was needed.
     */
    Optional<Map<Integer, Long>> runIf(Callable<Boolean> needed) throws Exception {
        try (RebuildLock lock = lock()) {
            if (!needed.call()) {
                return Optional.empty();
            }
            Instant started;
            synchronized (this) {
                if (running()) {
                    throw new IllegalStateException("a rebuild is already running");
                }
                started = begin();
            }
            return Optional.of(run(started));
        }
    }

    private boolean running() {
        return "RUNNING".equals(status.get().state());
    }

    private Instant begin() {
        Instant started = Instant.now();
        progress.set(0);
        status.set(new Status("RUNNING", started, null, 0, null, null));
        return started;
    }

    /**
     * One rebuild at a time across every replica: they share the shadow schema, and a replica that bootstraps while
     * another does would load the same history twice. A PostgreSQL advisory lock, held by a session of its own (in
     * this process, one waiter at a time, so that waiting holds one connection at most).
     */
    private RebuildLock lock() throws Exception {
        oneWaiter.acquire();
        Connection c = null;
        try {
            c = dataSource.getConnection();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(hashtext('" + LOCK + "'))");
            }
            return new RebuildLock(c);
        } catch (Exception e) {
            if (c != null) {
                c.close();
            }
            oneWaiter.release();
            throw e;
        }
    }

    private final class RebuildLock implements AutoCloseable {
        private final Connection connection;

        RebuildLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            // The pool keeps the session open: the lock must be given back, not left to the connection's end.
            try (Connection c = connection; Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_unlock(hashtext('" + LOCK + "'))");
            } finally {
                oneWaiter.release();
            }
        }
    }

    private Map<Integer, Long> run(Instant started) throws Exception {
        long events = 0;
        boolean gateClosed = false;
        try {
            createShadow();
            Instant applying = Instant.now();
            Swapped swapped;
            long foldNanos;
            long writeNanos;
            long analyzeNanos;
            try (TopicHistory history = new TopicHistory(connection, topic)) {
                long t0 = System.nanoTime();
                // The history up to the topic's end as it is now, folded in memory and copied into the shadow tables;
                // what arrives later is applied event by event once the live projection is held.
                ShadowTableLoad load = new ShadowTableLoad(reader, folding);
                load.fold(history, history.ends(), progress);
                status.set(new Status("RUNNING", started, null, progress.get(), null, null));
                long t1 = System.nanoTime();
                try (Connection c = dataSource.getConnection()) {
                    load.write(c, SHADOW_SCHEMA);
                }
                long t2 = System.nanoTime();
                analyzeShadow();
                foldNanos = t1 - t0;
                writeNanos = t2 - t1;
                analyzeNanos = System.nanoTime() - t2;
                events += progress.get();
                CompletableFuture<Void> drained = gate.close();
                gateClosed = true;
                drained.get(30, TimeUnit.SECONDS);
                events += applyUntil(history, history.ends(), started);
                swapped = swap(history, started);
                events += swapped.events();
            }
            afterSwap.forEach(Runnable::run);
            Instant finished = Instant.now();
            // The rate counts the time spent applying events, not the fixed cost of laying out the shadow tables.
            double seconds = Math.max(0.001, Duration.between(applying, finished).toNanos() / 1e9);
            status.set(new Status("DONE", started, finished, events, events / seconds, null));
            LOG.infof("access table rebuilt from %d events in %.1f s (%.1f s applying them: %.0f events/s; reading and"
                            + " folding the topic %.1f s, copying the rows %.1f s, analysing them %.1f s)", events,
                    Duration.between(started, finished).toMillis() / 1e3, seconds, events / seconds, foldNanos / 1e9,
                    writeNanos / 1e9, analyzeNanos / 1e9);
            return swapped.offsets();
        } catch (Throwable e) {
            LOG.error("rebuilding the access table failed; the live table is unchanged", e);
            status.set(new Status("FAILED", started, Instant.now(), events, null, String.valueOf(e.getMessage())));
            dropShadowQuietly();
            throw e instanceof Exception exception ? exception : new IllegalStateException(e);
        } finally {
            if (gateClosed) {
                gate.open();
            }
        }
    }

    /** Applies records until every partition has reached its end offset; returns how many events were applied. */
    private long applyUntil(TopicHistory history, Map<TopicPartition, Long> ends, Instant started)
            throws Throwable {
        long before = progress.get();
        history.readUntil(ends, records -> {
            List<EnvironmentCloudEvent> batch = new ArrayList<>();
            for (ConsumerRecord<String, String> record : records) {
                try {
                    batch.add(reader.read(record.value()));
                } catch (EnvironmentCloudEvent.RefusedEvent e) {
                    // Refused by the live projection too, which dead-lettered it and marked its organisation broken.
                }
            }
            // Short transactions: a Hibernate session re-checks every entity it holds before each query.
            for (int from = 0; from < batch.size(); from += EVENTS_PER_TRANSACTION) {
                List<EnvironmentCloudEvent> chunk = batch.subList(from, Math.min(batch.size(), from + EVENTS_PER_TRANSACTION));
                VertxContextSupport.subscribeAndAwait(() -> projection.applyAllToSchema(SHADOW_SCHEMA, chunk));
                progress.addAndGet(chunk.size());
            }
            status.set(new Status("RUNNING", started, null, progress.get(), null, null));
        });
        return progress.get() - before;
    }

    private void createShadow() throws SQLException {
        dropShadow();
        // The shadow is laid out by the same migrations as the live schema, so the two can be swapped table by table.
        Flyway.configure().configuration(flyway.getConfiguration())
                .schemas(SHADOW_SCHEMA).defaultSchema(SHADOW_SCHEMA).createSchemas(true)
                .load().migrate();
    }

    /**
     * Gives the planner the statistics of the tables just copied: without them it guesses, and a guess that walks a
     * million rows for one member's email is a check answered in tens of milliseconds instead of one. Autovacuum would
     * analyse them too, but only later, or never where it is switched off. The statistics move with the tables.
     */
    private void analyzeShadow() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                s.execute("ANALYZE " + SHADOW_SCHEMA + "." + table);
            }
        }
    }

    /**
     * Replaces the live tables by the shadow; returns how many events the shadow applied meanwhile. Other replicas'
     * consumers are not held by this replica's gate: the lock fences them instead. Whatever any replica committed to
     * the live tables it read from the topic before the ends read under the lock, so the shadow applies up to those
     * ends before it replaces them, and commits that wait for the lock land in the new tables (as duplicates, or as
     * the next events). The swap tells every replica to drop what it cached ({@link PositionNotifications#REPLACED}).
     */
    private Swapped swap(TopicHistory history, Instant started) throws Throwable {
        String live = String.join(", ", TABLES.stream().map(t -> "public." + t).toList());
        long events;
        Map<Integer, Long> offsets = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + live + " IN ACCESS EXCLUSIVE MODE");
                Map<TopicPartition, Long> ends = history.ends();
                events = applyUntil(history, ends, started);
                ends.forEach((partition, end) -> offsets.put(partition.partition(), end));
                s.execute("DROP TABLE " + live);
                for (String table : TABLES) {
                    s.execute("ALTER TABLE " + SHADOW_SCHEMA + "." + table + " SET SCHEMA public");
                }
                AccessTableOffsets.write(c, offsets);
                s.execute("SELECT pg_notify('" + PositionNotifications.CHANNEL + "', '" + PositionNotifications.REPLACED
                        + "')");
                c.commit();
            } catch (Throwable e) {
                c.rollback();
                throw e;
            }
        }
        dropShadow();
        return new Swapped(events, offsets);
    }

    /** What the swap applied itself, and the offsets the swapped-in table holds the topic to. */
    private record Swapped(long events, Map<Integer, Long> offsets) {
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
