package io.envguard.cli.deploy;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Deployment;
import io.envguard.cli.api.EnvguardApi.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "promote",
        description = {"Promote a deployment into an environment and wait until it serves there.",
                "Refused (exit 3) when the environment is restricted and you have no access; the refusal says why and "
                        + "who can grant access."},
        footerHeading = "%nExample:%n",
        footer = {"  envguard promote --model fraud-detector --deployment 3f2b... --environment production"})
public final class PromoteCommand extends SessionCommand {

    @Mixin
    Target target;

    @Option(names = "--deployment", required = true, paramLabel = "DEPLOYMENT", description = "The deployment, by id or name.")
    String deployment;

    @Option(names = "--environment", paramLabel = "ENV", defaultValue = "production",
            description = "Where to promote it (default: ${DEFAULT-VALUE}).")
    String environment;

    @Override
    protected ExitCode run(Session session) {
        target.require();
        EnvguardApi api = session.api();
        Workload workload = Workloads.resolve(api, target.kind(), target.nameOrId());
        Deployment chosen = Workloads.deployment(api, target.kind(), workload, deployment);
        Deployment promoted = Deployments.promote(api, session.output(), session.prompter().interactive(),
                target.kind(), workload.id(), workload.teamId(), environment, chosen.id());
        session.output().print(promoted, () -> Deployments.describe(promoted));
        return ExitCode.OK;
    }
}
