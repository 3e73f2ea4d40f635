package io.envguard.deployment.authz;

import io.envguard.edge.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The caller that {@link AuthenticationFilter} resolved for the current request. */
@RequestScoped
public class CallerContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthenticated("credential required");
        }
        return caller;
    }
}
