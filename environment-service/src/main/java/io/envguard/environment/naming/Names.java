package io.envguard.environment.naming;

import io.envguard.environment.error.DomainException;

import java.util.regex.Pattern;

/** The naming rules of the contract, in one place. */
public final class Names {

    /** Environment names: 1–64 characters of a-z 0-9 - _, starting with a letter or digit. */
    public static final Pattern ENVIRONMENT = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");

    private static final int MAX_DISPLAY_NAME = 100;

    private Names() {
    }

    public static String requireEnvironment(String field, String environment) {
        if (environment == null || !ENVIRONMENT.matcher(environment).matches()) {
            throw DomainException.invalid(field,
                    "must be 1-64 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        }
        return environment;
    }

    /** Names shown to people (organisations, teams, API keys): trimmed, 1–100 characters, no control characters. */
    public static String requireDisplayName(String field, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DISPLAY_NAME
                || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid(field, "must be 1-100 printable characters");
        }
        return trimmed;
    }
}
