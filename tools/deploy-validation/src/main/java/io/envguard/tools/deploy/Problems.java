package io.envguard.tools.deploy;

import java.util.ArrayList;
import java.util.List;

/** What the checks found wrong, each with where it is, printed together at the end. */
final class Problems {

    private final List<String> found = new ArrayList<>();

    void add(String where, String what) {
        found.add(where + ": " + what);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    int size() {
        return found.size();
    }

    List<String> all() {
        return List.copyOf(found);
    }
}
