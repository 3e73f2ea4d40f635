package io.envguard.cli.api;

/** No answer from the platform at all: connection refused, name not resolved, timed out. */
public final class Unreachable extends RuntimeException {

    private final String url;

    Unreachable(String url, Throwable cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
