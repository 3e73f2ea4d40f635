package io.envguard.cli.deploy;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Check;
import io.envguard.cli.api.EnvguardApi.Created;
import io.envguard.cli.api.EnvguardApi.Deployment;
import io.envguard.cli.api.EnvguardApi.Kind;
import io.envguard.cli.api.EnvguardApi.Workload;
import io.envguard.cli.members.Teams;
import io.envguard.cli.permissions.Action;
import io.envguard.cli.permissions.Refusals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "push",
        description = {"Create a deployment of a model (the model too, when it does not exist yet), and with "
                + "--environment or --promote promote it there.",
                "With --environment or --promote the permission is checked BEFORE anything is created: a refused push "
                        + "leaves no model and no deployment behind (exit 3)."},
        footerHeading = "%nExample:%n",
        footer = {"  envguard push --model fraud-detector",
                "  envguard push --model fraud-detector --promote               # into production",
                "  envguard push --model fraud-detector --environment staging"})
public final class PushCommand extends SessionCommand {

    private static final String PRODUCTION = "production";

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model's name.")
    String model;

    @Option(names = "--team", paramLabel = "TEAM", description = "The model's team, by name or id (default: the default team).")
    String team;

    @Option(names = "--name", paramLabel = "DEPLOYMENT", description = "A name for the deployment.")
    String deploymentName;

    @Option(names = "--environment", paramLabel = "ENV", description = "Promote the new deployment into this environment.")
    String environment;

    @Option(names = "--promote", description = "Promote the new deployment into production (or into --environment).")
    boolean promote;

    @Override
    protected ExitCode run(Session session) {
        EnvguardApi api = session.api();
        String teamId = team == null ? api.organization().defaultTeamId() : Teams.resolve(api, team);
        Optional<Workload> existing = Workloads.findModel(api, model, teamId);
        String target = environment != null ? environment : promote ? PRODUCTION : null;
        if (target != null) {
            checkBeforeCreating(api, existing, teamId, target);
        }
        Workload workload;
        Deployment pushed;
        if (existing.isPresent()) {
            workload = existing.get();
            pushed = api.push(workload.id(), deploymentName);
        } else {
            // A model is created with its first deployment: that is the one pushed.
            Created created = api.createModel(model, teamId, deploymentName);
            workload = created.model();
            pushed = created.deployment();
            session.output().progress("created model " + workload.name() + " " + workload.id());
        }
        session.output().progress("created deployment " + pushed.id() + " of model " + workload.name());
        Deployment result = target == null ? pushed : Deployments.promote(api, session.output(),
                session.prompter().interactive(), Kind.MODEL, workload.id(), teamId, target, pushed.id());
        session.output().print(result, () -> Deployments.describe(result));
        return ExitCode.OK;
    }

    /** The dry run of the promotion, and that the environment exists: a push that would be refused creates nothing. */
    private static void checkBeforeCreating(EnvguardApi api, Optional<Workload> existing, String teamId, String target) {
        Check check = api.check(Action.PROMOTE.name(), Kind.MODEL, existing.map(Workload::id).orElse(null), teamId,
                target, null);
        if (!check.allowed()) {
            throw Refusals.refused(api, teamId, target, Action.PROMOTE.name(), check.reason());
        }
        if (target.equals(PRODUCTION)) {
            return;
        }
        if (existing.isEmpty()) {
            throw new Failure(ExitCode.NOT_FOUND, "a new model has only the production environment; nothing was created");
        }
        try {
            api.environment(Kind.MODEL, existing.get().id(), target);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new Failure(ExitCode.NOT_FOUND, "model " + existing.get().name() + " has no environment "
                        + target + "; nothing was created");
            }
            throw e;
        }
    }
}
