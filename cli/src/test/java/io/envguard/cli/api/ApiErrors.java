package io.envguard.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

/** Builds the platform's errors as {@link Transport} does, for tests of what the CLI makes of them. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ApiException exception(String url, int status, JsonNode body) {
        return new ApiException(url, status, body.path("code").asText(""), body.path("message").asText(""), body);
    }
}
