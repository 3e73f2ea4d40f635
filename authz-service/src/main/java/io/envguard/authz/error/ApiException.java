package io.envguard.authz.error;

import java.util.Map;

/** An error of the public contract (section 6): the status, its code, a message and any extra fields. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> details;

    public ApiException(int status, String code, String message, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public static ApiException unauthenticated(String message) {
        return new ApiException(401, "UNAUTHENTICATED", message, Map.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "FORBIDDEN", message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "NOT_FOUND", message, Map.of());
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "AUTHZ_UNAVAILABLE", message, Map.of());
    }

    public static ApiException validation(String message, Map<String, String> fields) {
        return new ApiException(400, "VALIDATION_FAILED", message, Map.of("fields", fields));
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
}
