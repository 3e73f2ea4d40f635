package io.envguard.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The platform answered with an error: its HTTP status and the {@code {"code", "message", ...}} body (a body that is
 * not JSON is kept as {@code message}).
 */
public final class ApiException extends RuntimeException {

    private final String url;
    private final int status;
    private final String code;
    private final JsonNode body;

    ApiException(String url, int status, String code, String message, JsonNode body) {
        super(message);
        this.url = url;
        this.status = status;
        this.code = code;
        this.body = body;
    }

    /** The platform that answered (its gateway's URL). */
    public String url() {
        return url;
    }

    public int status() {
        return status;
    }

    /** The error code of the contract, e.g. {@code ENVIRONMENT_RESTRICTED}; empty when the body had none. */
    public String code() {
        return code;
    }

    /** A text field of the error body, e.g. {@code reason}; empty when absent. */
    public String field(String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** The error body as sent, for fields a caller needs beyond the text ones (e.g. {@code fields}). */
    public JsonNode body() {
        return body;
    }
}
