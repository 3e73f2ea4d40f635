package io.envguard.deployment.authz;

import io.envguard.edge.error.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The caller that {@link AuthenticationFilter} resolved for the current request, and the revision of its change. */
@RequestScoped
public class CallerContext {

    private Caller caller;
    private Long revision;

    void set(Caller caller) {
        this.caller = caller;
    }

    /** The access revision a change was decided at, answered as the {@code Platform-Revision} header. */
    void revision(Long revision) {
        this.revision = revision;
    }

    Long revision() {
        return revision;
    }

    public Caller get() {
        if (caller == null) {
            throw ApiException.unauthenticated("credential required");
        }
        return caller;
    }
}
