package io.envguard.cli.config;

import java.util.Map;

/**
 * Where to send requests and with which key, from (strongest first) {@code ENVGUARD_URL} / {@code ENVGUARD_API_KEY},
 * the remote named by {@code --remote}, the default remote of the configuration file, and the local gateway.
 *
 * @param apiKey null when no key is configured anywhere
 */
public record Connection(String remote, String url, String apiKey) {

    /** A remote was named that the configuration does not have. */
    public static final class UnknownRemote extends RuntimeException {
        public UnknownRemote(String message) {
            super(message);
        }
    }

    public static Connection resolve(Config config, String remoteOption, Map<String, String> environment) {
        String name = remoteOption != null ? remoteOption : config.defaultRemote();
        Config.Remote remote = name == null ? null : config.remotes().get(name);
        if (remoteOption != null && remote == null) {
            throw new UnknownRemote("no remote named \"" + remoteOption + "\" in the configuration"
                    + (config.remotes().isEmpty() ? "" : " (known: " + String.join(", ", config.remotes().keySet()) + ")"));
        }
        String url = firstOf(environment.get("ENVGUARD_URL"), remote == null ? null : remote.url(), Config.DEFAULT_URL);
        String apiKey = firstOf(environment.get("ENVGUARD_API_KEY"), remote == null ? null : remote.apiKey(), null);
        return new Connection(remote == null ? null : name, url, apiKey);
    }

    private static String firstOf(String first, String second, String fallback) {
        if (first != null && !first.isBlank()) {
            return first.strip();
        }
        if (second != null && !second.isBlank()) {
            return second;
        }
        return fallback;
    }
}
