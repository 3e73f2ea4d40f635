package io.envguard.edge.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Under a flood, requests beyond {@code envguard.http.max-concurrent-requests} in flight are answered 429 at once
 * instead of queueing for the worker pool, the database pool or authz-service's time-out; health and metrics
 * ({@code /q/}) are never shed, so a flooded service still reports ready (the OpenAPI document, public through the
 * gateway, is shed like the API). A shed request has changed nothing; the callers of authz-service's internal API fail
 * closed on the 429 (503 AUTHZ_UNAVAILABLE), as on any failure.
 */
@ApplicationScoped
public class LoadShedding {

    private final int maxConcurrentRequests;
    private final AtomicInteger inFlight = new AtomicInteger();

    LoadShedding(@ConfigProperty(name = "envguard.http.max-concurrent-requests", defaultValue = "200")
                 int maxConcurrentRequests) {
        this.maxConcurrentRequests = maxConcurrentRequests;
    }

    void register(@Observes Router router) {
        // Right after deployment-service's BodyLimit (Integer.MIN_VALUE), before authentication and the resources.
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
