package io.envguard.edge.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The contract's error JSON, {@code {"code", "message", ...details}}, the same in every service. Each service's
 * {@code ErrorMappers} decides which failure is which error; this class only spells it.
 */
public final class ErrorEnvelope {

    private ErrorEnvelope() {
    }

    public static Response response(int status, String code, String message, Map<String, Object> details) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(code, message, details)).build();
    }

    public static Response response(ApiException e) {
        return response(e.status(), e.code(), e.getMessage(), e.details());
    }

    static Map<String, Object> body(String code, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.putAll(details);
        return body;
    }

    /**
     * The code of a status JAX-RS answered by itself (no route, wrong method, unreadable body...); a server error
     * takes the service's own code for it.
     */
    public static String codeOf(int status, String serverErrorCode) {
        return switch (status) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? serverErrorCode : "BAD_REQUEST";
        };
    }

    /** The dotted path of the field whose JSON had the wrong type or format ({@code items.2.name}), if known. */
    public static Optional<String> fieldOf(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining(".")));
    }
}
