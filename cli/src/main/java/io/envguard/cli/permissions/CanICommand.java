package io.envguard.cli.permissions;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failures;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Check;
import io.envguard.cli.api.EnvguardApi.GroupUser;
import io.envguard.cli.api.EnvguardApi.Kind;
import io.envguard.cli.api.EnvguardApi.Member;
import io.envguard.cli.api.EnvguardApi.Workload;
import io.envguard.cli.deploy.Target;
import io.envguard.cli.deploy.Workloads;
import io.envguard.cli.members.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "can-i",
        description = {"Ask whether you (or, for admins, another member) may make a change, without making it: the "
                + "platform's real decision, as a dry run.",
                "Exits 0 when allowed and 3 when not, so a pipeline can ask before it starts."},
        footerHeading = "%nExample:%n",
        footer = {"  envguard can-i promote production --model fraud-detector",
                "  envguard can-i update-autoscaling production --model fraud-detector --as grace@example.com"})
public final class CanICommand extends SessionCommand {

    @Parameters(index = "0", paramLabel = "ACTION", converter = Action.Converter.class,
            description = "promote, manage-environment, update-autoscaling or update-deployment.")
    Action action;

    @Parameters(index = "1", paramLabel = "ENV", description = "The environment, e.g. production.")
    String environment;

    @Mixin
    Target target;

    @Option(names = "--as", paramLabel = "USER", description = "Ask about another member (email, name or id; admins only).")
    String as;

    @Override
    protected ExitCode run(Session session) {
        target.require();
        EnvguardApi api = session.api();
        Kind kind = target.kind();
        Workload workload = Workloads.resolve(api, kind, target.nameOrId());
        Member subject = as == null ? null : Users.resolve(api, as);
        Check check = api.check(action.name(), kind, workload.id(), null, environment,
                subject == null ? null : subject.userId());
        String who = subject == null ? "you" : subject.name();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("allowed", check.allowed());
        result.put("action", action.name());
        result.put("environment", environment);
        result.put(kind.label(), workload.name());
        if (subject != null) {
            result.put("user_id", subject.userId());
        }
        result.put("reason", check.reason());
        result.put("revision", check.revision());
        List<GroupUser> granters = check.allowed() ? List.of() : Refusals.granters(api, workload.teamId(), environment);
        if (!granters.isEmpty()) {
            result.put("can_grant", granters);
        }
        session.output().print(result, () -> (check.allowed() ? "yes: " : "no: ") + who
                + (check.allowed() ? " may " : " may not ") + Failures.action(action.name()) + " in " + environment
                + " of " + kind.label() + " " + workload.name()
                + "\nreason: " + Refusals.explain(check.reason())
                + (granters.isEmpty() ? "" : "\nwho can grant access: " + Refusals.describe(granters)));
        return check.allowed() ? ExitCode.OK : ExitCode.REFUSED;
    }
}
