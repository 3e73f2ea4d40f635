package io.envguard.authz.consistency;

/** Told when what was read from the access table may be stale, so that it is read again. */
public interface AccessTableListener {

    /** The access table has been replaced underneath. */
    void accessTableReplaced();

    /**
     * The organisation was marked broken or repaired, which its revision does not show. Only a cache of what decides
     * (the facts checks read) needs to hear it.
     */
    default void organizationChanged(String organizationId) {
    }
}
