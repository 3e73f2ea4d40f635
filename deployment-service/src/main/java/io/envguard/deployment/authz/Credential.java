package io.envguard.deployment.authz;

/**
 * The credential of an {@code Authorization} header: a JWT ({@code Bearer <header>.<payload>.<signature>}) or an
 * API key ({@code Api-Key <key>}, or {@code Bearer <prefix>.<secret>}).
 */
record Credential(String value, boolean isJwt) {

    /** The credential of the header, or null when the header is missing or not of a known scheme. */
    static Credential parse(String header) {
        if (header == null) {
            return null;
        }
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        String scheme = trimmed.substring(0, space);
        String value = trimmed.substring(space + 1).trim();
        if (value.isEmpty() || value.contains(" ")) {
            return null;
        }
        if (scheme.equalsIgnoreCase("Api-Key")) {
            return new Credential(value, false);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return new Credential(value, value.chars().filter(c -> c == '.').count() == 2);
        }
        return null;
    }
}
