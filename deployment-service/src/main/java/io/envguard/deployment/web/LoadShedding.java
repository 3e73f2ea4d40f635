package io.envguard.deployment.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Under a flood, requests beyond {@code envguard.http.max-concurrent-requests} in flight are answered 429 at once
 * instead of queueing for the database pool and authz-service's 250 ms time-out; health, metrics and OpenAPI
 * ({@code /q/}) are never shed, so a flooded service still reports ready. A shed request has changed nothing.
 */
@ApplicationScoped
class LoadShedding {

    private final int maxConcurrentRequests;
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadShedding(@ConfigProperty(name = "envguard.http.max-concurrent-requests") int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    void register(@Observes Router router) {
        // Right after BodyLimit (Integer.MIN_VALUE), before authentication and the resources.
        router.route().order(Integer.MIN_VALUE + 1).handler(this::admitOrShed);
    }

    private void admitOrShed(RoutingContext context) {
        if (context.normalizedPath().startsWith("/q/")) {
            context.next();
            return;
        }
        if (inFlight.incrementAndGet() > maxConcurrentRequests) {
            inFlight.decrementAndGet();
            context.response().setStatusCode(429)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Retry-After", "1")
                    .end(new JsonObject().put("code", "TOO_MANY_REQUESTS")
                            .put("message", "the service is busy; retry shortly").encode());
            return;
        }
        // Called once, whether the response ends or the connection closes first.
        context.addEndHandler(ended -> inFlight.decrementAndGet());
        context.next();
    }
}
