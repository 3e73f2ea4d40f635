package io.envguard.cli.account;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.Credential;
import io.envguard.cli.api.EnvguardApi.Me;
import io.envguard.cli.config.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login",
        description = {"Save a remote (URL and API key) in the configuration file, after checking the key with the "
                + "platform. Without --api-key the key is asked for, without echo (or read from standard input).",
                "The remote is named by --remote (default: \"default\"); the first one saved, or one saved with "
                        + "--set-default, is used when no --remote is given. The file is written with mode 0600."},
        footerHeading = "%nExample:%n",
        footer = {"  envguard login --url http://127.0.0.1:8080",
                "  envguard --remote staging login --url https://envguard.staging.example.com --api-key \"$KEY\" --set-default"})
public final class LoginCommand extends SessionCommand {

    @Option(names = "--url", paramLabel = "URL", description = "The platform's gateway (default: http://127.0.0.1:8080).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The API key (envguard api-keys create, or the console).")
    String apiKey;

    @Option(names = "--set-default", description = "Make this remote the default.")
    boolean setDefault;

    @Override
    protected ExitCode run(Session session) {
        Config config = session.configFile().read();
        String name = session.remoteOption() == null ? Config.DEFAULT_REMOTE : session.remoteOption();
        Config.Remote existing = config.remotes().get(name);
        String target = firstOf(url, session.environment().get("ENVGUARD_URL"),
                existing == null ? null : existing.url(), Config.DEFAULT_URL);
        String key = apiKey != null ? apiKey : session.prompter().secret("API key for " + target + ": ");
        if (key == null || key.isBlank()) {
            throw new Failure(ExitCode.INVALID_INPUT, "no API key given");
        }
        Me me = session.api(target, new Credential(key)).me();
        session.configFile().write(config.with(name, new Config.Remote(target, key.strip()), setDefault));
        session.output().print(me, () -> "logged in to " + target + " as " + WhoamiCommand.describe(me)
                + "\nsaved as remote \"" + name + "\" in " + session.configFile().path());
        return ExitCode.OK;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
