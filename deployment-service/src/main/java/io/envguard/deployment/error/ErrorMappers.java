package io.envguard.deployment.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.error.ErrorEnvelope;
import io.vertx.sqlclient.ClosedConnectionException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.ConnectException;
import java.util.Map;

/** The one place where failures become the contract's error JSON. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    public static Response toResponse(ApiException e) {
        return ErrorEnvelope.response(e);
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response unparsable(JsonParseException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && ErrorEnvelope.fieldOf(mapping).isPresent()) {
            return toResponse(ApiException.validation(ErrorEnvelope.fieldOf(mapping).get(), "has the wrong type or format"));
        }
        return toResponse(new ApiException(400, "VALIDATION_FAILED", "malformed JSON", Map.of("fields", Map.of())));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = ErrorEnvelope.codeOf(status, "INTERNAL");
        Map<String, Object> extra = status == 400 ? Map.of("fields", Map.of()) : Map.of();
        String message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
        return toResponse(new ApiException(status, code, message, extra));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (isDatabaseUnreachable(e)) {
            LOG.warnf("database unreachable: %s", e.toString());
            return toResponse(new ApiException(503, "UNAVAILABLE", "the database is unavailable; nothing was changed"));
        }
        LOG.error("unexpected failure", e);
        return toResponse(new ApiException(500, "INTERNAL", "internal error"));
    }

    /** A lost or refused database connection: the caller may try again, nothing was committed. */
    static boolean isDatabaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException) {
                return true;
            }
        }
        return false;
    }
}
