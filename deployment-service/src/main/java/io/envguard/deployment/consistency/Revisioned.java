package io.envguard.deployment.consistency;

/** A response body that carries the revision its change was decided at (section 7 of the contract). */
public interface Revisioned {

    /** The same body with its {@code revision} field set. */
    Object withRevision(Long revision);
}
