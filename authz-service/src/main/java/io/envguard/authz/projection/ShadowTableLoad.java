package io.envguard.authz.projection;

import io.envguard.contract.event.EnvironmentCloudEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The bulk of a rebuild: the topic's history folded in memory, each partition by its own {@link AccessTableFold} (an
 * organisation's events are all on one partition, in order), the partitions of each poll in parallel, then written to
 * the shadow tables with {@code COPY}, one statement per table. Applying the history event by event through the live
 * projection's transactions ran at about 800 events/s, a round trip or more per event; this is bounded by reading and
 * parsing the records instead.
 */
final class ShadowTableLoad {

    private final EventReader reader;
    private final ExecutorService workers;
    private final ConcurrentHashMap<String, AccessTableFold.ApiKey> apiKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> apiKeysClaimedAt = new ConcurrentHashMap<>();
    private final Map<Integer, AccessTableFold> folds = new HashMap<>();

    ShadowTableLoad(EventReader reader, ExecutorService workers) {
        this.reader = reader;
        this.workers = workers;
    }

    /**
     * Folds the records up to {@code ends}; {@code progress} counts the events read. A poll's records are folded while
     * the next poll is read (two polls in flight at most), each partition's in order after its records of the poll
     * before.
     */
    void fold(TopicHistory history, Map<TopicPartition, Long> ends, AtomicLong progress) throws Throwable {
        Map<Integer, CompletableFuture<Void>> lanes = new HashMap<>();
        AtomicReference<List<CompletableFuture<Void>>> inFlight = new AtomicReference<>(List.of());
        try {
            history.readUntil(ends, records -> {
                Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    byPartition.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
                }
                List<CompletableFuture<Void>> thisPoll = new ArrayList<>();
                byPartition.forEach((partition, partitionRecords) -> {
                    AccessTableFold fold = folds.computeIfAbsent(partition, p -> new AccessTableFold(apiKeys, apiKeysClaimedAt));
                    CompletableFuture<Void> lane = lanes.getOrDefault(partition, CompletableFuture.completedFuture(null))
                            .thenRunAsync(() -> {
                                for (ConsumerRecord<String, String> record : partitionRecords) {
                                    try {
                                        fold.apply(reader.read(record.value()));
                                    } catch (EnvironmentCloudEvent.RefusedEvent e) {
                                        // Refused by the live projection too, which dead-lettered it and marked its
                                        // organisation broken.
                                    }
                                }
                                progress.addAndGet(partitionRecords.size());
                            }, workers);
                    lanes.put(partition, lane);
                    thisPoll.add(lane);
                });
                awaitAll(inFlight.getAndSet(thisPoll));
            });
        } finally {
            awaitAll(inFlight.getAndSet(List.of()));
        }
    }

    private static void awaitAll(List<CompletableFuture<Void>> futures) throws Exception {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Writes what was folded into the tables of {@code schema}, in one transaction: one {@code COPY} per table. */
    void write(Connection connection, String schema) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            Instant receivedAt = Instant.now();
            copy(pg, schema, "organization_position (organization_id, revision, updated_at)", (id, org, out) -> {
                if (org.revision > 0) {
                    out.row(id, org.revision, org.updatedAt);
                }
            });
            copy(pg, schema, "held_event (organization_id, revision, payload, received_at)", (id, org, out) ->
                    org.held.forEach((revision, event) -> out.row(id, revision, event.json(), receivedAt)));
            copy(pg, schema, "member (organization_id, user_id, email, name, role, demoted)", (id, org, out) ->
                    org.members.forEach((userId, m) -> out.row(id, userId, m.email(), m.name(), m.role(), m.demoted())));
            copy(pg, schema, "team (organization_id, team_id, name, is_default)", (id, org, out) ->
                    org.teams.forEach((teamId, t) -> out.row(id, teamId, t.name(), t.isDefault())));
            copy(pg, schema, "team_member (organization_id, team_id, user_id, role)", (id, org, out) ->
                    org.teamMembers.forEach((key, role) -> {
                        String[] k = AccessTableFold.parts(key);
                        out.row(id, k[0], k[1], role);
                    }));
            copy(pg, schema, "environment_group (organization_id, team_id, environment, restricted)", (id, org, out) ->
                    org.groups.forEach((key, restricted) -> {
                        String[] k = AccessTableFold.parts(key);
                        out.row(id, k[0], k[1], restricted);
                    }));
            copy(pg, schema, "access_grant (organization_id, team_id, environment, user_id, expires_at, expired)",
                    (id, org, out) -> org.grants.forEach((key, grant) -> {
                        String[] k = AccessTableFold.parts(key);
                        out.row(id, k[0], k[1], k[2], grant.expiresAt(), grant.expired());
                    }));
            try (Copy keys = new Copy(pg, schema,
                    "api_key (prefix, organization_id, user_id, name, type, secret_sha256, deleted)")) {
                apiKeys.forEach((prefix, k) -> keys.row(prefix, k.organizationId(), k.userId(), k.name(), k.type(),
                        k.secretSha256(), k.deleted()));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The rows one organisation gives a table. */
    private interface Rows {
        void of(String organizationId, AccessTableFold.Organization organization, Copy out);
    }

    /** PostgreSQL takes one COPY at a time on a connection: one table after the other. */
    private void copy(PGConnection pg, String schema, String table, Rows rows) throws SQLException {
        try (Copy out = new Copy(pg, schema, table)) {
            for (AccessTableFold fold : folds.values()) {
                fold.organizations.forEach((id, org) -> rows.of(id, org, out));
            }
        }
    }

    /** One {@code COPY ... FROM STDIN} in PostgreSQL's text format, fed in chunks. */
    private static final class Copy implements AutoCloseable {

        private static final int CHUNK = 256 * 1024;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);

        Copy(PGConnection pg, String schema, String table) throws SQLException {
            this.copy = pg.getCopyAPI().copyIn("COPY " + schema + "." + table + " FROM STDIN");
        }

        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    buffer.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    buffer.append("\\N");
                } else if (value instanceof Instant instant) {
                    // PostgreSQL would round the nanoseconds to microseconds; the live projection's client truncates
                    // them, and the two tables must hold the same instant.
                    buffer.append(instant.truncatedTo(ChronoUnit.MICROS));
                } else {
                    escape(String.valueOf(value));
                }
            }
            buffer.append('\n');
            if (buffer.length() >= CHUNK) {
                flush();
            }
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
        }

        private void flush() {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new IllegalStateException("COPY failed", e);
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            copy.endCopy();
        }
    }
}
