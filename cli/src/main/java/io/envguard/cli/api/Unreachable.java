package io.envguard.cli.api;

/** No answer from the platform at all: connection refused, name not resolved, timed out. */
public final class Unreachable extends RuntimeException {

    private final String url;

    Unreachable(String url, Throwable cause) {
        super(describe(cause), cause);
        this.url = url;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    public String url() {
        return url;
    }
}
