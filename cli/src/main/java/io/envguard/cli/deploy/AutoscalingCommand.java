package io.envguard.cli.deploy;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Autoscaling;
import io.envguard.cli.api.EnvguardApi.Deployment;
import io.envguard.cli.api.EnvguardApi.Kind;
import io.envguard.cli.api.EnvguardApi.Workload;
import io.envguard.cli.permissions.Refusals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "autoscaling", description = "Autoscaling of deployments.", subcommands = AutoscalingCommand.Set.class,
        footerHeading = "%nExample:%n", footer = "  envguard autoscaling set --model fraud-detector --max-replica 4")
public final class AutoscalingCommand {

    @Command(name = "set",
            description = {"Change the autoscaling of a model's deployment (by --deployment, or the one current in "
                    + "--environment), or of a chainlet of a chain's environment. Settings not given keep their value.",
                    "A deployment current in a restricted environment needs access to it (exit 3 otherwise)."},
            footerHeading = "%nExample:%n",
            footer = {"  envguard autoscaling set --model fraud-detector --environment production --min-replica 1 --max-replica 4",
                    "  envguard autoscaling set --chain rag --environment production --chainlet entrypoint --max-replica 2"})
    static final class Set extends SessionCommand {

        @Mixin
        Target target;

        @Option(names = "--deployment", paramLabel = "DEPLOYMENT", description = "A model's deployment, by id or name.")
        String deployment;

        @Option(names = "--environment", paramLabel = "ENV",
                description = "The deployment current in this environment (default: production).")
        String environment;

        @Option(names = "--chainlet", paramLabel = "NAME", description = "For a chain: the chainlet to change.")
        String chainlet;

        @Option(names = "--min-replica", paramLabel = "N") Integer minReplica;
        @Option(names = "--max-replica", paramLabel = "N") Integer maxReplica;
        @Option(names = "--autoscaling-window", paramLabel = "SECONDS") Integer autoscalingWindow;
        @Option(names = "--scale-down-delay", paramLabel = "SECONDS") Integer scaleDownDelay;
        @Option(names = "--concurrency-target", paramLabel = "N") Integer concurrencyTarget;
        @Option(names = "--target-utilization", paramLabel = "PERCENT") Integer targetUtilization;

        @Override
        protected ExitCode run(Session session) {
            target.require();
            Autoscaling settings = new Autoscaling(minReplica, maxReplica, autoscalingWindow, scaleDownDelay,
                    concurrencyTarget, targetUtilization);
            if (settings.equals(new Autoscaling(null, null, null, null, null, null))) {
                throw new Failure(ExitCode.INVALID_INPUT, "give at least one setting, e.g. --max-replica 4");
            }
            EnvguardApi api = session.api();
            Workload workload = Workloads.resolve(api, target.kind(), target.nameOrId());
            String env = environment == null ? "production" : environment;
            Deployment changed;
            if (target.kind() == Kind.CHAIN) {
                if (chainlet == null || deployment != null) {
                    throw new Failure(ExitCode.INVALID_INPUT, "for a chain give --chainlet (and --environment), not --deployment");
                }
                changed = Refusals.guarded(api, workload.teamId(),
                        () -> api.setChainletAutoscaling(workload.id(), env, chainlet, settings));
            } else {
                if (deployment != null && environment != null) {
                    throw new Failure(ExitCode.INVALID_INPUT, "give --deployment or --environment, not both");
                }
                String deploymentId = deployment != null
                        ? Workloads.deployment(api, Kind.MODEL, workload, deployment).id()
                        : Workloads.currentIn(api, Kind.MODEL, workload, env);
                changed = Refusals.guarded(api, workload.teamId(),
                        () -> api.setAutoscaling(workload.id(), deploymentId, settings));
            }
            session.output().print(changed, () -> Deployments.describe(changed));
            return ExitCode.OK;
        }
    }
}
