package io.envguard.authz.operator;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An operator token as presented: {@code Authorization: Operator <token>}. */
public class OperatorAuthenticationRequest extends BaseAuthenticationRequest {

    private final String token;

    public OperatorAuthenticationRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
