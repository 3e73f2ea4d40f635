package io.envguard.edge.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that reaches the caller as the contract's error JSON, {@code {"code", "message", ...details}}
 * ({@link ErrorEnvelope}), and is not a broken domain rule.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    /** 404 with the message "{@code <what>} not found". */
    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "CONFLICT", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message);
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "UNAUTHENTICATED", message);
    }

    /** No decision could be made, so nothing was allowed (fail closed). */
    public static ApiException authzUnavailable(String message) {
        return new ApiException(503, "AUTHZ_UNAVAILABLE", message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "VALIDATION_FAILED", message);
    }

    public static ApiException validation(String message, Map<String, String> fields) {
        return new ApiException(400, "VALIDATION_FAILED", message, Map.of("fields", fields));
    }

    public static ApiException validation(Map<String, String> fields) {
        return validation("request is invalid", fields);
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, problem));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The error JSON's body. */
    public Map<String, Object> body() {
        return ErrorEnvelope.body(code, getMessage(), details);
    }
}
