package io.envguard.authz.projection;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lets the live projection be held for a moment — while a rebuilt access table is swapped in — without blocking a
 * thread: work that arrives while the gate is closed waits for it to open, and closing waits for work in flight.
 */
@ApplicationScoped
public class ProjectionGate {

    private int inFlight;
    private CompletableFuture<Void> reopened;
    private CompletableFuture<Void> drained;

    /** Runs {@code work} once the gate is open, on the caller's Vert.x context. */
    public <T> Uni<T> pass(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> closed;
            synchronized (this) {
                closed = reopened;
                if (closed == null) {
                    inFlight++;
                }
            }
            if (closed == null) {
                return work.get().onTermination().invoke(this::leave);
            }
            Context context = Vertx.currentContext();
            Uni<Void> opened = Uni.createFrom().completionStage(closed.copy());
            if (context != null) {
                opened = opened.emitOn(task -> context.runOnContext(ignored -> task.run()));
            }
            return opened.chain(() -> pass(work));
        });
    }

    private void leave() {
        CompletableFuture<Void> done = null;
        synchronized (this) {
            inFlight--;
            if (inFlight == 0 && drained != null) {
                done = drained;
                drained = null;
            }
        }
        if (done != null) {
            done.complete(null);
        }
    }

    /** Closes the gate; the future completes once no work is in flight any more. */
    public synchronized CompletableFuture<Void> close() {
        if (reopened != null) {
            throw new IllegalStateException("the gate is already closed");
        }
        reopened = new CompletableFuture<>();
        drained = new CompletableFuture<>();
        CompletableFuture<Void> result = drained;
        if (inFlight == 0) {
            drained = null;
            result.complete(null);
        }
        return result;
    }

    public void open() {
        CompletableFuture<Void> waiting;
        synchronized (this) {
            waiting = reopened;
            reopened = null;
            drained = null;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
    }
}
