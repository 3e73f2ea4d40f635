package io.envguard.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;
import java.util.TreeMap;

/**
 * The CLI's configuration file: named remotes (a platform URL and the API key used there) and which one is the
 * default, like truss's {@code ~/.trussrc}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Config(String defaultRemote, Map<String, Remote> remotes) {

    public static final String DEFAULT_URL = "http://127.0.0.1:8080";
    public static final String DEFAULT_REMOTE = "default";

    public Config {
        remotes = remotes == null ? new TreeMap<>() : new TreeMap<>(remotes);
    }

    public static Config empty() {
        return new Config(null, Map.of());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Remote(String url, String apiKey) {
    }

    /** This configuration with the remote added or replaced; it becomes the default when asked or when it is the first. */
    public Config with(String name, Remote remote, boolean makeDefault) {
        Map<String, Remote> changed = new TreeMap<>(remotes);
        changed.put(name, remote);
        boolean isDefault = makeDefault || defaultRemote == null || !remotes.containsKey(defaultRemote);
        return new Config(isDefault ? name : defaultRemote, changed);
    }
}
