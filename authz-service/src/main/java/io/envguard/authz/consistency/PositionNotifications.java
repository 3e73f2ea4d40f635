package io.envguard.authz.consistency;

import io.envguard.edge.bench.BenchProfile;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells this process about every commit to the access table, whichever replica made it.
 * <p>
 * Replicas of authz-service share the access table and split the topic's partitions, so none of them applies every
 * organisation's events. Each commit of the live projection notifies {@link #CHANNEL} (PostgreSQL delivers it when,
 * and only if, the transaction commits), and every replica listens: its {@link ProjectedRevisions} then move with the
 * table, waking waiters and retiring cached snapshots, for organisations it does not project too.
 * <p>
 * The same connection listens to {@link #MARKS_CHANNEL}: an organisation marked broken or repaired is
 * dropped from every replica's cache ({@link AccessTableListener#organizationChanged}); and to {@link ReplicaLeases#CHANNEL},
 * whose heartbeats prove the connection alive and whose barriers confirm changes. Live means all three are heard.
 * <p>
 * While the listening connection is down, notifications may be missed: this process is {@link #isLive() not live},
 * answers checks from the table only ({@link ReplicaLeases}) and is not ready. Once listening again, it forgets every revision it knew, so each
 * organisation is read back from the table before it is answered from memory again.
 * <p>
 * For a negative control only, in the bench profile, {@code envguard.replica.listener-delay} hands every notification
 * to its handler that much later, in the order heard: a replica with a slow listening connection.
 */
@ApplicationScoped
public class PositionNotifications {

    /** The channel the projection notifies with "{organisation id} {revision}". */
    public static final String CHANNEL = "envguard_access_positions";
    /**
     * The channel {@code projection.BrokenOrganizations} notifies with "{organisation id}" when an organisation is
     * marked broken or repaired.
     */
    public static final String MARKS_CHANNEL = "envguard_access_marks";
    /** Notified on {@link #CHANNEL} when a rebuilt access table has replaced the live one. */
    public static final String REPLACED = "*";
    /** The application name of the listening connection, followed by the replica id. */
    public static final String LISTENER_NAME = "authz-service listener ";

    private static final Logger LOG = Logger.getLogger(PositionNotifications.class);
    private static final long RECONNECT_DELAY_MS = 500;
    private static final long STARTUP_WAIT_SECONDS = 5;

    private final Vertx vertx;
    private final ProjectedRevisions revisions;
    private final ReplicaLeases leases;
    private final List<AccessTableListener> listeners;
    private final PgConnectOptions connectOptions;
    private final Duration listenerDelay;
    private volatile boolean live;
    private volatile boolean stopped;
    private volatile PgSubscriber subscriber;
    private final CompletableFuture<Void> firstSubscription = new CompletableFuture<>();

    PositionNotifications(Vertx vertx, ProjectedRevisions revisions, ReplicaLeases leases,
                          Instance<AccessTableListener> listeners,
                          @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                          @ConfigProperty(name = "quarkus.datasource.username") String username,
                          @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                          @ConfigProperty(name = "envguard.replica.listener-delay") Duration listenerDelay) {
        this.vertx = vertx;
        this.revisions = revisions;
        this.leases = leases;
        this.listeners = listeners.stream().toList();
        // Named, so that an operator (or a fault test) can find this replica's listening backend in pg_stat_activity.
        this.connectOptions = PgConnectOptions.fromUri(url).setUser(username).setPassword(password.orElse(""))
                .addProperty("application_name", LISTENER_NAME + leases.replicaId());
        this.listenerDelay = listenerDelay;
    }

    /** Whether every commit since the last reset has been heard of. */
    public boolean isLive() {
        return live;
    }

    void start(@Observes StartupEvent event) {
        if (!listenerDelay.isZero()) {
            BenchProfile.requireForSwitchedOff("envguard.replica.listener-delay (ENVGUARD_REPLICA_LISTENER_DELAY)",
                    "a replica that hears changes late on purpose", ConfigUtils.getProfiles());
            LOG.warnf("envguard.replica.listener-delay=%s in the bench profile: this replica hears every change that"
                    + " much late", listenerDelay);
        }
        listen();
        try {
            // Checks are refused until then: give the first connection a moment before taking traffic.
            firstSubscription.get(STARTUP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("not yet listening for access-table commits after %d s; not ready until then", STARTUP_WAIT_SECONDS);
        }
    }

    /** One connection that listens until it is lost; then a new one, after a pause. */
    private void listen() {
        if (stopped) {
            return;
        }
        PgSubscriber listening = PgSubscriber.subscriber(vertx, connectOptions);
        AtomicBoolean retired = new AtomicBoolean();
        AtomicInteger channels = new AtomicInteger();
        Runnable subscribed = () -> {
            if (channels.incrementAndGet() < 3) {
                return;
            }
            // Listening from here on: what was learnt before may have missed commits, so it is forgotten.
            revisions.forgetAll();
            live = true;
            leases.listening();
            firstSubscription.complete(null);
            LOG.info("listening for access-table commits");
        };
        listening.channel(CHANNEL).subscribeHandler(ignored -> subscribed.run()).handler(late(this::committed));
        listening.channel(MARKS_CHANNEL).subscribeHandler(ignored -> subscribed.run())
                .handler(late(organizationId -> listeners.forEach(l -> l.organizationChanged(organizationId))));
        // Barriers and heartbeats come in commit order with the positions: hearing one proves those before it heard.
        listening.channel(ReplicaLeases.CHANNEL).subscribeHandler(ignored -> subscribed.run()).handler(late(leases::heard));
        listening.closeHandler(closed -> retire(listening, retired, "the connection was lost"));
        subscriber = listening;
        listening.connect().onFailure(failure -> retire(listening, retired, failure.toString()));
    }

    /**
     * The handler itself, or (negative control) the handler run {@link #listenerDelay} later: timers of one delay fire in
     * the order they were set, so the notifications keep their order.
     */
    private Handler<String> late(Handler<String> handler) {
        if (listenerDelay.isZero()) {
            return handler;
        }
        return payload -> vertx.setTimer(listenerDelay.toMillis(), ignored -> handler.handle(payload));
    }

    private void retire(PgSubscriber listening, AtomicBoolean retired, String why) {
        if (!retired.compareAndSet(false, true)) {
            return;
        }
        if (live) {
            LOG.warnf("not listening for access-table commits (%s); checks read the table until it is back", why);
        }
        live = false;
        leases.notListening();
        listening.close();
        if (!stopped) {
            vertx.setTimer(RECONNECT_DELAY_MS, ignored -> listen());
        }
    }

    private void committed(String payload) {
        if (payload.equals(REPLACED)) {
            // A rebuilt table, perhaps by another replica: nothing read from the old one holds.
            revisions.forgetAll();
            listeners.forEach(AccessTableListener::accessTableReplaced);
            return;
        }
        int space = payload.lastIndexOf(' ');
        try {
            revisions.reached(payload.substring(0, space), Long.parseLong(payload.substring(space + 1)));
        } catch (RuntimeException e) {
            LOG.errorf("ignoring an unreadable access-table notification: %s", payload);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        live = false;
        PgSubscriber listening = subscriber;
        if (listening != null) {
            listening.close();
        }
    }
}
