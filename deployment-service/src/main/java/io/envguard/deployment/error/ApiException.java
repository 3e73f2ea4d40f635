package io.envguard.deployment.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure that reaches the caller as the contract's error JSON: {@code {"code", "message", ...extra}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public ApiException(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

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

    public static ApiException authzUnavailable(String message) {
        return new ApiException(503, "AUTHZ_UNAVAILABLE", message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "VALIDATION_FAILED", message);
    }

    public static ApiException validation(Map<String, String> fields) {
        return new ApiException(400, "VALIDATION_FAILED", "request is invalid", Map.of("fields", fields));
    }

    public static ApiException validation(String field, String problem) {
        return validation(Map.of(field, problem));
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", getMessage());
        body.putAll(extra);
        return body;
    }
}
