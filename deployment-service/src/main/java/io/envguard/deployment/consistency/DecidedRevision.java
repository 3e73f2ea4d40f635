package io.envguard.deployment.consistency;

import jakarta.enterprise.context.RequestScoped;

/**
 * The access revision the current request's change was decided at: set by {@code guard.GuardedWrites} once the write
 * has committed, answered by {@link RevisionHeader} in the {@code Platform-Revision} header and the body.
 */
@RequestScoped
public class DecidedRevision {

    private Long revision;

    public void set(Long revision) {
        this.revision = revision;
    }

    /** Null when the request made no change. */
    Long get() {
        return revision;
    }
}
