package io.envguard.authz.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.error.ErrorEnvelope;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns failures into the contract's error JSON {@code {"code", "message", ...}}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorEnvelope.response(e);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class,
            AuthenticationCompletionException.class})
    public Response unauthenticated(RuntimeException e) {
        return body(401, "UNAUTHENTICATED", "a valid JWT or API key is required", Map.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return body(403, "FORBIDDEN", "not allowed", Map.of());
    }

    /** Well-formed JSON of the wrong shape; Quarkus' own mapper for it would answer 400 with no body. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformed(e);
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return body(400, "VALIDATION_FAILED", "malformed JSON: " + e.getOriginalMessage(), Map.of("fields", Map.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = status == 503 ? "AUTHZ_UNAVAILABLE" : ErrorEnvelope.codeOf(status, "INTERNAL");
        return body(status, code, e.getMessage(), status == 400 ? Map.of("fields", Map.of()) : Map.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // Whatever broke, no decision was made: say so rather than guess (fail closed).
        LOG.error("unexpected failure", e);
        return body(503, "AUTHZ_UNAVAILABLE", "the decision cannot be made now", Map.of());
    }

    private static Response body(int status, String code, String message, Map<String, Object> details) {
        return ErrorEnvelope.response(status, code, message, details);
    }
}
