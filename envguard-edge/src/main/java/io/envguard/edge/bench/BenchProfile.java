package io.envguard.edge.bench;

import java.util.List;

/**
 * The rule of every switch that turns a safeguard off (to measure what it costs, or to show that a test catches its
 * absence): it counts only in the {@code bench} profile, on a twin or a local platform started for that, and never beside
 * {@code prod}. A deployment that sets one by mistake, or on purpose, does not start.
 */
public final class BenchProfile {

    public static final String NAME = "bench";

    private BenchProfile() {
    }

    /**
     * Throws unless the active profiles allow a safeguard to be off. {@code setting} names the property and its variable,
     * {@code consequence} what would go unprotected.
     */
    public static void requireForSwitchedOff(String setting, String consequence, List<String> profiles) {
        if (!profiles.contains(NAME) || profiles.contains("prod")) {
            throw new IllegalStateException(setting + " is honoured only in the " + NAME + " profile, never with prod;"
                    + " active profiles " + profiles + ". Refusing to start with " + consequence + ".");
        }
    }
}
