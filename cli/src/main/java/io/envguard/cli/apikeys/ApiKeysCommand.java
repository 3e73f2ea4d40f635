package io.envguard.cli.apikeys;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi.ApiKey;
import io.envguard.cli.members.Teams;
import io.envguard.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

@Command(name = "api-keys", description = {"Your API keys. A key acts as you, with your current permissions.",
        "A team key (create --team) is yours too: it is labelled with the team and never acts as the team."},
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Delete.class},
        footerHeading = "%nExample:%n", footer = {"  envguard api-keys create --name ci", "  envguard api-keys list"})
public final class ApiKeysCommand {

    @Command(name = "create", description = "Create a key. Its secret is shown once: store it now.",
            footerHeading = "%nExample:%n", footer = {"  envguard api-keys create --name ci-deploy",
            "  envguard api-keys create --name ml-ci --team ml",
            "  KEY=$(envguard api-keys create --name ci -o json | jq -r .api_key)"})
    static final class Create extends SessionCommand {
        @Option(names = "--name", paramLabel = "NAME", description = "What the key is for.") String name;
        @Option(names = "--team", paramLabel = "TEAM",
                description = "Label the key with one of your teams (a name or an id).") String team;

        @Override
        protected ExitCode run(Session session) {
            ApiKey key = session.api().createApiKey(name, Teams.resolve(session.api(), team));
            session.output().print(key, () -> key.apiKey() + "\n\nprefix " + key.prefix()
                    + (key.name() == null ? "" : ", name " + key.name())
                    + (key.teamName() == null ? "" : ", team " + key.teamName())
                    + ": the secret is shown only this once.");
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List your keys (prefixes and names; secrets are never shown again).",
            footerHeading = "%nExample:%n", footer = "  envguard api-keys list")
    static final class ListKeys extends SessionCommand {
        @Override
        protected ExitCode run(Session session) {
            List<ApiKey> keys = session.api().apiKeys();
            session.output().print(keys, () -> {
                Table table = new Table("prefix", "name", "type", "team", "created");
                keys.forEach(k -> table.row(k.prefix(), k.name(), k.type(), k.teamName(), k.createdAt()));
                return table.render();
            });
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete one of your keys: from the moment this returns it is refused everywhere.",
            footerHeading = "%nExample:%n", footer = "  envguard api-keys delete 1a2b3c4d")
    static final class Delete extends SessionCommand {
        @Parameters(paramLabel = "PREFIX") String prefix;

        @Override
        protected ExitCode run(Session session) {
            session.api().deleteApiKey(prefix);
            session.output().print(Map.of("deleted", prefix), () -> "deleted API key " + prefix);
            return ExitCode.OK;
        }
    }
}
