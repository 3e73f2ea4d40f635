package io.envguard.authz.projection;

/** Told when the access table has been replaced underneath, so that whatever was read from it is read again. */
public interface AccessTableListener {

    void accessTableReplaced();
}
