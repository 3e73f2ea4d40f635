package io.envguard.authz.consistency;

import io.envguard.edge.bench.BenchProfile;
import io.envguard.edge.error.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether this replica may answer checks from memory, and the barrier behind which a change's confirmation waits until
 * every replica that may do so has heard of it (docs/architecture.md, "Replicas").
 * <p>
 * PostgreSQL delivers the notifications of committed transactions to each listener in commit order. A value of
 * {@code authz_barrier_seq} taken after a change committed, notified in a transaction of its own, therefore reaches
 * each listener after that change's own notification: a replica that hears the barrier has heard the change.
 * <ul>
 *   <li><b>Lease.</b> Every {@code heartbeat} this replica notifies a heartbeat barrier of its own and, when it hears
 *   it back on its listening connection (which proves that connection alive, half-open or not), renews its row of
 *   {@code authz_replica}: {@code lease_until} = database time + {@code lease} + {@code grace}. In memory the lease runs
 *   until the heartbeat was <em>sent</em> + {@code lease}: a local clock comparison on the check path, always ending
 *   before the row's. Without a running lease a check reads the access table, not memory.</li>
 *   <li><b>Barrier.</b> A change's confirmation ({@link #barrier}) notifies a barrier and waits until every row whose
 *   lease runs has acknowledged it ({@code heard_through}), fencing every row whose lease has run
 *   out (deleting it). A fenced replica's next renewal fails: it forgets every revision it knew and registers anew before it answers
 *   from memory again, so it cannot renew a lease on a heartbeat older than the change.</li>
 * </ul>
 */
@ApplicationScoped
public class ReplicaLeases {

    /** The channel of barriers ("b {value}") and heartbeats ("h {value} {replica id} {heartbeat}"). */
    public static final String CHANNEL = "envguard_access_barriers";

    private static final Logger LOG = Logger.getLogger(ReplicaLeases.class);
    private static final long POLL_MS = 5;

    private final Vertx vertx;
    private final Pool pool;
    private final ProjectedRevisions revisions;
    private final String replicaId;
    private final long leaseNanos;
    /** The row's lease, as a PostgreSQL interval: longer than the one in memory by the grace. */
    private final String rowLease;
    private final long barrierBound;
    private final long heartbeatMs;
    private final boolean barrierEnabled;
    private final Timer barrierLatency;
    /** When each heartbeat this replica notified was sent (System.nanoTime()), by its number. */
    private final ConcurrentHashMap<Long, Long> sent = new ConcurrentHashMap<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong leaseEnds = new AtomicLong();
    private volatile boolean leased;
    /** The epoch of this replica's row (unique, from the sequence), or -1 while it has none (not registered yet, or fenced). */
    private volatile long epoch = -1;
    private volatile boolean listening;
    private volatile boolean registering;
    private volatile boolean stopped;
    private long timer = -1;

    ReplicaLeases(Vertx vertx, Pool pool, ProjectedRevisions revisions, MeterRegistry registry,
                  @ConfigProperty(name = "envguard.replica.id") Optional<String> replicaId,
                  @ConfigProperty(name = "envguard.replica.lease", defaultValue = "2s") Duration lease,
                  @ConfigProperty(name = "envguard.replica.lease-grace", defaultValue = "500ms") Duration grace,
                  @ConfigProperty(name = "envguard.replica.heartbeat", defaultValue = "500ms") Duration heartbeat,
                  @ConfigProperty(name = "envguard.replica.barrier-enabled") boolean barrierEnabled) {
        this.vertx = vertx;
        this.pool = pool;
        this.revisions = revisions;
        this.replicaId = replicaId.orElseGet(ReplicaLeases::hostAndPid);
        this.leaseNanos = lease.toNanos();
        this.rowLease = lease.plus(grace).toMillis() + " milliseconds";
        this.barrierBound = lease.plus(grace).plusSeconds(1).toNanos();
        this.heartbeatMs = heartbeat.toMillis();
        this.barrierEnabled = barrierEnabled;
        this.barrierLatency = Timer.builder("envguard.replica.barrier.latency")
                .description("Time for every replica with a lease to acknowledge a change's barrier (or be fenced)")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        registry.gauge("envguard.replica.leased", this, leases -> leases.answersFromMemory() ? 1 : 0);
    }

    /** This replica's id in {@code authz_replica}, and in the application name of its listening connection. */
    public String replicaId() {
        return replicaId;
    }

    /** Whether checks may be answered from memory now: listening, and the lease of the last heartbeat heard runs. */
    public boolean answersFromMemory() {
        return leased && listening && System.nanoTime() - leaseEnds.get() < 0;
    }

    /** The listening connection subscribed (after {@link ProjectedRevisions#forgetAll()}): register, then renew at once. */
    void listening() {
        listening = true;
        vertx.runOnContext(ignored -> {
            if (timer < 0 && !stopped) {
                timer = vertx.setPeriodic(heartbeatMs, id -> beat());
            }
            beat();
        });
    }

    /** The listening connection is lost: notifications may go unheard, so memory is not to be trusted. */
    void notListening() {
        listening = false;
        leased = false;
    }

    /** A notification on {@link #CHANNEL}. */
    void heard(String payload) {
        String[] parts = payload.split(" ");
        try {
            long value = Long.parseLong(parts[1]);
            if (parts[0].equals("h")) {
                if (parts.length == 4 && parts[2].equals(replicaId)) {
                    Long sentAt = sent.remove(Long.parseLong(parts[3]));
                    if (sentAt != null) {
                        acknowledge(value, sentAt);
                    }
                }
            } else {
                acknowledge(value, null);
            }
        } catch (RuntimeException e) {
            LOG.errorf("ignoring an unreadable barrier notification: %s", payload);
        }
    }

    private void beat() {
        if (stopped || !listening) {
            return;
        }
        if (epoch < 0) {
            register();
            return;
        }
        long sentAt = System.nanoTime();
        // Old heartbeats never heard back (a connection lost meanwhile) are of no use any more.
        sent.values().removeIf(at -> sentAt - at > 2 * leaseNanos);
        long heartbeat = heartbeats.incrementAndGet();
        sent.put(heartbeat, sentAt);
        pool.preparedQuery("SELECT 1 FROM pg_notify($1, 'h ' || nextval('authz_barrier_seq') || ' ' || $2 || ' ' || $3)")
                .execute(Tuple.of(CHANNEL, replicaId, Long.toString(heartbeat)))
                .subscribe().with(ignored -> { }, failure -> LOG.debugf("heartbeat not sent: %s", failure));
    }

    private void register() {
        if (registering) {
            return;
        }
        registering = true;
        leased = false;
        sent.clear();
        // Whatever was learnt before may have missed a change whose barrier fenced this replica.
        revisions.forgetAll();
        pool.preparedQuery("""
                        INSERT INTO authz_replica (replica_id, epoch, heard_through, lease_until)
                        VALUES ($1, nextval('authz_barrier_seq'), 0, now() + $2::text::interval)
                        ON CONFLICT (replica_id) DO UPDATE
                            SET epoch = EXCLUDED.epoch, heard_through = 0, lease_until = EXCLUDED.lease_until
                        RETURNING epoch""")
                .execute(Tuple.of(replicaId, rowLease))
                .subscribe().with(rows -> {
                    epoch = rows.iterator().next().getLong("epoch");
                    registering = false;
                    LOG.infof("replica %s registered (epoch %d)", replicaId, epoch);
                    beat();
                }, failure -> {
                    registering = false;
                    LOG.warnf("replica %s not registered: %s", replicaId, failure);
                });
    }

    /**
     * Everything committed before {@code value} was taken has been heard: records it in this replica's row and, for a
     * heartbeat of its own, renews the lease from when it was sent.
     */
    private void acknowledge(long value, Long sentAt) {
        long held = epoch;
        if (held < 0) {
            return;
        }
        String sql = sentAt == null
                ? "UPDATE authz_replica SET heard_through = greatest(heard_through, $3) WHERE replica_id = $1 AND epoch = $2"
                : "UPDATE authz_replica SET heard_through = greatest(heard_through, $3), "
                        + "lease_until = now() + $4::text::interval WHERE replica_id = $1 AND epoch = $2";
        Tuple arguments = sentAt == null ? Tuple.of(replicaId, held, value) : Tuple.of(replicaId, held, value, rowLease);
        pool.preparedQuery(sql).execute(arguments).subscribe().with(rows -> {
            if (rows.rowCount() == 0) {
                fenced(held);
            } else if (sentAt != null && listening) {
                leaseEnds.accumulateAndGet(sentAt + leaseNanos, (a, b) -> b - a > 0 ? b : a);
                leased = true;
            }
        }, failure -> LOG.debugf("barrier %d not acknowledged: %s", value, failure));
    }

    private void fenced(long held) {
        if (epoch != held) {
            return;
        }
        LOG.warnf("replica %s was fenced (its lease ran out before a change's barrier): reading the access table until"
                + " it registers again", replicaId);
        leased = false;
        epoch = -1;
        vertx.runOnContext(ignored -> beat());
    }

    /**
     * Completes once every replica whose lease runs has heard everything committed before this call, fencing those
     * whose lease has run out. That takes at most a row's lease, whatever the caller's own wait: fails with 503 when it
     * has taken a second longer than that, or than {@code wait} if longer (a database or a replica too slow to answer).
     */
    public Uni<Void> barrier(Duration wait) {
        if (!barrierEnabled) {
            return Uni.createFrom().voidItem();
        }
        long started = System.nanoTime();
        long deadline = started + Math.max(barrierBound, wait.toNanos());
        return pool.preparedQuery("SELECT s.v FROM (SELECT nextval('authz_barrier_seq') AS v) s, pg_notify($1, 'b ' || s.v)")
                .execute(Tuple.of(CHANNEL))
                .map(rows -> rows.iterator().next().getLong("v"))
                .chain(value -> awaitAcknowledged(value, deadline))
                .invoke(() -> barrierLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
    }

    private Uni<Void> awaitAcknowledged(long value, long deadline) {
        return pool.preparedQuery("""
                        SELECT replica_id, epoch, lease_until < now() AS expired FROM authz_replica
                        WHERE heard_through < $1""")
                .execute(Tuple.of(value))
                .chain(rows -> fenceExpired(rows).map(waiting -> waiting))
                .chain(waiting -> {
                    if (waiting.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (System.nanoTime() - deadline > 0) {
                        return Uni.createFrom().failure(ApiException.authzUnavailable("replicas " + waiting
                                + " of authz-service have not acknowledged the change yet"));
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(POLL_MS))
                            .chain(() -> awaitAcknowledged(value, deadline));
                });
    }

    /** Fences the rows whose lease ran out; returns the ids of those still to acknowledge. */
    private Uni<List<String>> fenceExpired(RowSet<Row> rows) {
        List<String> waiting = new ArrayList<>();
        List<Uni<Void>> fences = new ArrayList<>();
        for (Row row : rows) {
            String id = row.getString("replica_id");
            if (!row.getBoolean("expired")) {
                waiting.add(id);
                continue;
            }
            long rowEpoch = row.getLong("epoch");
            fences.add(pool.preparedQuery("""
                            DELETE FROM authz_replica WHERE replica_id = $1 AND epoch = $2 AND lease_until < now()""")
                    .execute(Tuple.of(id, rowEpoch))
                    .invoke(fenced -> {
                        if (fenced.rowCount() == 1) {
                            LOG.warnf("replica %s fenced: its lease ran out before it acknowledged a change", id);
                        } else {
                            waiting.add(id); // renewed meanwhile: it must acknowledge after all
                        }
                    })
                    .replaceWithVoid());
        }
        if (fences.isEmpty()) {
            return Uni.createFrom().item(waiting);
        }
        return Uni.join().all(fences).andFailFast().map(ignored -> waiting);
    }

    /** The barrier is off only for a negative control, in the bench profile: anywhere else this replica does not start. */
    void refuseToRunWithoutTheBarrier(@Observes StartupEvent event) {
        if (!barrierEnabled) {
            BenchProfile.requireForSwitchedOff("envguard.replica.barrier-enabled=false (ENVGUARD_REPLICA_BARRIER_ENABLED)",
                    "changes confirmed before every replica has heard them", ConfigUtils.getProfiles());
            LOG.warn("envguard.replica.barrier-enabled=false in the bench profile: a change's confirmation does NOT wait"
                    + " for the other replicas; they may still allow what it revoked.");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        leased = false;
        if (epoch >= 0) {
            // Leaving: no change needs to wait for this replica any more.
            try {
                pool.preparedQuery("DELETE FROM authz_replica WHERE replica_id = $1 AND epoch = $2")
                        .execute(Tuple.of(replicaId, epoch)).await().atMost(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.warnf("replica %s could not deregister (%s); its lease runs out by itself", replicaId, e);
            }
        }
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
