package io.envguard.cli.account;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi.Me;
import picocli.CommandLine.Command;

@Command(name = "whoami", description = "Who the configured API key acts as, in which organization and role, and where.",
        footerHeading = "%nExample:%n", footer = {"  envguard whoami", "  ENVGUARD_API_KEY=... envguard whoami -o json"})
public final class WhoamiCommand extends SessionCommand {

    @Override
    protected ExitCode run(Session session) {
        Me me = session.api().me();
        String remote = session.connection().remote();
        session.output().print(me, () -> describe(me) + "\nremote: " + (remote == null ? "(none)" : remote) + " "
                + session.connection().url());
        return ExitCode.OK;
    }

    static String describe(Me me) {
        return me.name() + " <" + me.email() + "> " + me.userId()
                + (me.organizationId() == null ? ", in no organization"
                : "\norganization: " + me.workspaceName() + " (" + me.organizationId() + "), role " + me.role())
                + (me.apiKeyPrefix() == null ? "" : "\nAPI key: " + me.apiKeyPrefix() + ".…");
    }
}
