package io.envguard.authz.consistency;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The revision up to which each organisation's events are applied, as known to this process: from its own commits and
 * from every replica's, through {@link PositionNotifications}. Callers can wait for a revision, bounded in time.
 */
@ApplicationScoped
public class ProjectedRevisions {

    private final ConcurrentHashMap<String, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong forgotten = new AtomicLong();

    /**
     * How often everything was forgotten: a read of the table that began before {@link #forgetAll()} may predate a
     * change that went unheard, and must not be recorded after it.
     */
    public long generation() {
        return forgotten.get();
    }

    /** The known revision, or -1 when this process has not yet learnt this organisation's position. */
    public long current(String organizationId) {
        Watch watch = watches.get(organizationId);
        return watch == null ? -1 : watch.revision;
    }

    /** Records that the access table has reached {@code revision} for the organisation, waking its waiters. */
    public void reached(String organizationId, long revision) {
        Watch watch = watches.computeIfAbsent(organizationId, id -> new Watch());
        CompletableFuture<Void> woken = null;
        synchronized (watch) {
            if (revision > watch.revision) {
                watch.revision = revision;
                woken = watch.changed;
                watch.changed = new CompletableFuture<>();
            }
        }
        if (woken != null) {
            woken.complete(null);
        }
    }

    /**
     * Forgets every revision, as when commits may have gone unheard: each organisation is read back from the table
     * (by its next reader, or by the waiters, which are woken to do so).
     */
    public void forgetAll() {
        forgotten.incrementAndGet();
        List<CompletableFuture<Void>> woken = new ArrayList<>();
        for (Watch watch : watches.values()) {
            synchronized (watch) {
                watch.revision = -1;
                woken.add(watch.changed);
                watch.changed = new CompletableFuture<>();
            }
        }
        woken.forEach(changed -> changed.complete(null));
    }

    /**
     * Completes with the organisation's revision once it is at least {@code atLeast}, or with the revision it has when
     * {@code maxWait} has passed. {@code load} reads the stored position when this process does not know it.
     */
    public Uni<Long> await(String organizationId, long atLeast, Duration maxWait, Function<String, Uni<Long>> load) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        return waitFrom(organizationId, atLeast, deadline, Vertx.currentContext(), load);
    }

    private Uni<Long> waitFrom(String organizationId, long atLeast, long deadline, Context context,
                               Function<String, Uni<Long>> load) {
        if (current(organizationId) < 0) {
            long generation = forgotten.get();
            return load.apply(organizationId)
                    .chain(revision -> {
                        if (forgotten.get() != generation) {
                            // Read before everything was forgotten: it may predate a change this process missed.
                            return waitFrom(organizationId, atLeast, deadline, context, load);
                        }
                        reached(organizationId, revision);
                        return waitFromKnown(organizationId, atLeast, deadline, context, load);
                    });
        }
        return waitFromKnown(organizationId, atLeast, deadline, context, load);
    }

    private Uni<Long> waitFromKnown(String organizationId, long atLeast, long deadline, Context context,
                                    Function<String, Uni<Long>> load) {
        Watch watch = watches.computeIfAbsent(organizationId, id -> new Watch());
        CompletableFuture<Void> changed;
        synchronized (watch) {
            if (watch.revision >= atLeast) {
                return Uni.createFrom().item(watch.revision);
            }
            changed = watch.changed;
        }
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMs < 1) {
            return Uni.createFrom().item(watch.revision);
        }
        // A copy per waiter: a waiter that times out cancels its copy, never the future other waiters share.
        Uni<Void> woken = Uni.createFrom().completionStage(changed.copy())
                .ifNoItem().after(Duration.ofMillis(remainingMs)).recoverWithItem((Void) null);
        // Continue on the caller's context: the projection wakes waiters from its own thread.
        if (context != null) {
            woken = woken.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return woken.chain(() -> waitFrom(organizationId, atLeast, deadline, context, load));
    }

    private static final class Watch {
        private volatile long revision = -1;
        private CompletableFuture<Void> changed = new CompletableFuture<>();
    }
}
