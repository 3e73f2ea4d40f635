package io.envguard.edge.identity;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key as presented ({@code Api-Key <key>} or {@code Bearer <key>}): {@code <prefix>.<secret>}. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public String prefix() {
        return key.substring(0, key.indexOf('.'));
    }
}
