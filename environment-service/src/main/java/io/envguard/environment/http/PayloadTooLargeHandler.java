package io.envguard.environment.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bodies over {@code quarkus.http.limits.max-body-size} are refused before anything reads them, with the contract's
 * JSON (the HTTP layer's own refusal has no body).
 */
@ApplicationScoped
public class PayloadTooLargeHandler {

    private final long maxBodySize;

    PayloadTooLargeHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseDeclaredOversizedBody);
    }

    private void refuseDeclaredOversizedBody(RoutingContext context) {
        String length = context.request().getHeader("Content-Length");
        if (length != null && isOver(length)) {
            context.response().setStatusCode(413)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(new JsonObject().put("code", "PAYLOAD_TOO_LARGE")
                            .put("message", "the request body is over " + maxBodySize + " bytes").encode());
            context.request().connection().close();
        } else {
            context.next();
        }
    }

    private boolean isOver(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
