package io.envguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.envguard.cli.api.Credential;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.Transport;
import io.envguard.cli.config.ConfigFile;
import io.envguard.cli.config.Connection;
import io.envguard.cli.output.Output;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What a command works with: output, configuration, the API as the resolved remote and key, a clock, a prompter. */
public final class Session {

    private final Output output;
    private final ConfigFile configFile;
    private final Map<String, String> environment;
    private final String remoteOption;
    private final ObjectMapper json;
    private final Clock clock;
    private final Prompter prompter;
    private Connection connection;

    Session(Output output, ConfigFile configFile, Map<String, String> environment, String remoteOption,
            ObjectMapper json, Clock clock, Prompter prompter) {
        this.output = output;
        this.configFile = configFile;
        this.environment = environment;
        this.remoteOption = remoteOption;
        this.json = json;
        this.clock = clock;
        this.prompter = prompter;
    }

    public Output output() {
        return output;
    }

    public ConfigFile configFile() {
        return configFile;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String remoteOption() {
        return remoteOption;
    }

    public Clock clock() {
        return clock;
    }

    public Prompter prompter() {
        return prompter;
    }

    public Connection connection() {
        if (connection == null) {
            try {
                connection = Connection.resolve(configFile.read(), remoteOption, environment);
            } catch (Connection.UnknownRemote e) {
                throw new Failure(ExitCode.INVALID_INPUT, e.getMessage());
            }
        }
        return connection;
    }

    /** The API with the configured key; without one, a failure that says how to get one. */
    public EnvguardApi api() {
        Connection resolved = connection();
        if (resolved.apiKey() == null) {
            throw new Failure(ExitCode.AUTHENTICATION_FAILED, List.of("no API key for " + resolved.url(),
                    "run `envguard login`, or set ENVGUARD_API_KEY"), Map.of("url", resolved.url()));
        }
        return api(resolved.url(), new Credential(resolved.apiKey()));
    }

    public EnvguardApi api(String url, Credential credential) {
        return new EnvguardApi(new Transport(url, credential, json), json);
    }
}
