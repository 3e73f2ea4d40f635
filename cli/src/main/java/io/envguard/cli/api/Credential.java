package io.envguard.cli.api;

/**
 * What the CLI presents to the platform: an API key ({@code <prefix>.<secret>}, sent as {@code Api-Key}) or a JWT
 * from the organisation's identity provider (three dot-separated parts, sent as {@code Bearer}).
 */
public record Credential(String secret) {

    public Credential {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("an empty credential");
        }
        secret = secret.strip();
    }

    private boolean isToken() {
        return secret.chars().filter(c -> c == '.').count() == 2;
    }

    String header() {
        return (isToken() ? "Bearer " : "Api-Key ") + secret;
    }
}
