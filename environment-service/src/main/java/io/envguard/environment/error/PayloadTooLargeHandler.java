package io.envguard.environment.error;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Bodies over {@code quarkus.http.limits.max-body-size} are refused by Vert.x before REST runs; answer them as JSON. */
@ApplicationScoped
public class PayloadTooLargeHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                context.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("code", "PAYLOAD_TOO_LARGE")
                                .put("message", "the request body is too large").encode());
            } else {
                context.next();
            }
        });
    }
}
