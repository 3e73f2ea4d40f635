package io.envguard.environment.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented as {@code Api-Key <key>} or {@code Bearer <key>}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
