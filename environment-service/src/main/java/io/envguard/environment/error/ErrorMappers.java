package io.envguard.environment.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.envguard.edge.error.ApiException;
import io.envguard.edge.error.ErrorEnvelope;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Optional;
import java.util.Map;

/** Every error as the contract's JSON: {@code {"code", "message", ...}}. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        int status = switch (e.kind()) {
            case VALIDATION_FAILED -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
        };
        Map<String, Object> details = e.kind() == DomainException.Kind.VALIDATION_FAILED
                ? Map.of("fields", e.fields()) : Map.of();
        return error(status, e.kind().name(), e.getMessage(), details);
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return ErrorEnvelope.response(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return error(403, "FORBIDDEN", "not allowed", Map.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response wrongJsonType(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unparsableJson(JsonParseException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonProcessingException e) {
        Map<String, String> fields = (e instanceof JsonMappingException mapping ? ErrorEnvelope.fieldOf(mapping) : Optional.<String>empty())
                .map(field -> Map.of(field, "has the wrong type or format"))
                .orElse(Map.of("body", "is not valid JSON"));
        return error(400, "VALIDATION_FAILED", "the request body is malformed", Map.of("fields", fields));
    }

    @ServerExceptionMapper
    public Response concurrency(ConcurrencyException e) {
        return error(409, "CONFLICT", "the organization changed concurrently; retry", Map.of());
    }

    @ServerExceptionMapper(priority = 1)
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return malformedJson(json);
        }
        String code = ErrorEnvelope.codeOf(status, "INTERNAL_ERROR");
        Map<String, Object> details = status == 400 ? Map.of("fields", Map.of("body", "is not valid")) : Map.of();
        return error(status, code, status == 404 ? "not found" : e.getMessage(), details);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Exception e) {
        LOG.error("unexpected error", e);
        return error(500, "INTERNAL_ERROR", "unexpected error", Map.of());
    }

    private static Response unauthenticated() {
        return error(401, "UNAUTHENTICATED", "missing, invalid, expired or revoked credential", Map.of());
    }

    private static Response error(int status, String code, String message, Map<String, Object> details) {
        return ErrorEnvelope.response(status, code, message, details);
    }
}
