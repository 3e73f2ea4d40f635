package io.envguard.deployment.environment;

import java.util.regex.Pattern;

/** Environment names, as for environment groups: 1–64 characters of a-z 0-9 - _, starting with a letter or digit. */
public final class EnvironmentNames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private EnvironmentNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
