package io.envguard.cli.environments;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.AccessAt;
import io.envguard.cli.api.EnvguardApi.Change;
import io.envguard.cli.api.EnvguardApi.Group;
import io.envguard.cli.api.EnvguardApi.GroupUser;
import io.envguard.cli.api.EnvguardApi.Member;
import io.envguard.cli.members.Teams;
import io.envguard.cli.members.Users;
import io.envguard.cli.output.Instants;
import io.envguard.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Command(name = "environments", aliases = "envs",
        description = "Environment groups: an environment name within a team (restricting production restricts the "
                + "production environment of every model and chain of the team).",
        subcommands = {EnvironmentsCommand.ListGroups.class, EnvironmentsCommand.Show.class,
                EnvironmentsCommand.Create.class, EnvironmentsCommand.Restrict.class,
                EnvironmentsCommand.Unrestrict.class, EnvironmentsCommand.Grant.class, EnvironmentsCommand.Revoke.class,
                EnvironmentsCommand.History.class, EnvironmentsCommand.Access.class},
        footerHeading = "%nExample:%n", footer = {"  envguard environments list", "  envguard environments restrict production",
                "  envguard environments grant production \"Grace Hopper\" --expires 4h"})
public final class EnvironmentsCommand {

    /** {@code --team}: the team whose environment is meant; the default team without it. */
    static final class TeamOption {
        @Option(names = "--team", paramLabel = "TEAM", description = "The team, by name or id (default: the default team).")
        String team;

        String resolve(EnvguardApi api) {
            return Teams.resolve(api, team);
        }
    }

    @Command(name = "list", description = "List the environment groups of a team.",
            footerHeading = "%nExample:%n", footer = {"  envguard environments list", "  envguard environments list --team ml -o json"})
    static final class ListGroups extends SessionCommand {
        @Mixin TeamOption team;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            List<Group> groups = api.groups(team.resolve(api));
            session.output().print(groups, () -> GroupViews.list(groups));
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show an environment group: restricted or not, and who may change it (with via and expiry).",
            footerHeading = "%nExample:%n", footer = "  envguard environments show production")
    static final class Show extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            Group group = api.group(team.resolve(api), environment);
            session.output().print(group, () -> GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "create", description = "Create an environment group, unrestricted or (admins only) restricted with grants.",
            footerHeading = "%nExample:%n",
            footer = {"  envguard environments create staging",
                    "  envguard environments create staging --restricted --user grace@example.com --user \"Alan Turing\""})
    static final class Create extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;
        @Option(names = "--restricted", description = "Create it restricted.") boolean restricted;
        @Option(names = "--user", paramLabel = "USER", description = "Grant this member (email, name or id); repeatable; needs --restricted.")
        List<String> users = List.of();

        @Override
        protected ExitCode run(Session session) {
            if (!users.isEmpty() && !restricted) {
                throw new Failure(ExitCode.INVALID_INPUT, "--user grants access, which only a restricted environment has: add --restricted");
            }
            EnvguardApi api = session.api();
            String teamId = team.resolve(api);
            List<String> userIds = users.stream().map(u -> Users.resolve(api, u).userId()).toList();
            Group group = api.createGroup(teamId, environment, restricted, userIds);
            session.output().print(group, () -> GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "restrict", description = "Restrict an environment: from now on only granted users and admins may change it. Grants it has are kept.",
            footerHeading = "%nExample:%n", footer = "  envguard environments restrict production")
    static final class Restrict extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            Group group = api.setRestricted(team.resolve(api), environment, true, null);
            session.output().print(group, () -> GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "unrestrict",
            description = "Lift the restriction: every member of the team may change the environment again. This ends "
                    + "its grants, so it asks first when there are any (--yes to skip the question in scripts).",
            footerHeading = "%nExample:%n", footer = "  envguard environments unrestrict staging --yes")
    static final class Unrestrict extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;
        @Option(names = {"-y", "--yes"}, description = "Do not ask; end the grants.") boolean yes;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            String teamId = team.resolve(api);
            Group current = api.group(teamId, environment);
            List<GroupUser> grants = GroupViews.grants(current);
            if (!grants.isEmpty() && !yes) {
                String who = grants.stream().map(GroupUser::name).collect(Collectors.joining(", "));
                String question = "Unrestricting " + environment + " ends " + grants.size() + " grant"
                        + (grants.size() == 1 ? "" : "s") + " (" + who + "). Continue?";
                Boolean answer = session.prompter().confirm(question);
                if (answer == null) {
                    throw new Failure(ExitCode.INVALID_INPUT, List.of(question, "no terminal to ask: pass --yes"), Map.of());
                }
                if (!answer) {
                    throw new Failure(ExitCode.INVALID_INPUT, "not confirmed; nothing was changed");
                }
            }
            // If-Match: the grants confirmed are the grants ended; a change in between is refused (exit 7).
            Group group = api.setRestricted(teamId, environment, false, current.revision());
            session.output().print(group, () -> GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "grant", description = "Let one member change a restricted environment, for good or until --expires.",
            footerHeading = "%nExample:%n",
            footer = {"  envguard environments grant production \"Grace Hopper\"",
                    "  envguard environments grant production grace@example.com --expires 4h",
                    "  envguard environments grant production 5d0c...-uuid --expires 2026-12-31T18:00:00Z"})
    static final class Grant extends SessionCommand {
        @Parameters(index = "0", paramLabel = "ENV") String environment;
        @Parameters(index = "1", paramLabel = "USER", description = "An email, a name or a user id.") String user;
        @Mixin TeamOption team;
        @Option(names = "--expires", paramLabel = "WHEN", description = "A span (30m, 4h, 7d) or an ISO-8601 instant.")
        String expires;

        @Override
        protected ExitCode run(Session session) {
            Instant expiresAt = expires == null ? null : Instants.ahead(expires, session.clock());
            EnvguardApi api = session.api();
            String teamId = team.resolve(api);
            Member member = Users.resolve(api, user);
            Group group = api.grant(teamId, environment, member.userId(), expiresAt);
            session.output().print(group, () -> "granted " + environment + " to " + Users.describe(member)
                    + (expiresAt == null ? "" : " until " + expiresAt) + "\n\n" + GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "revoke", description = "End one member's grant on a restricted environment.",
            footerHeading = "%nExample:%n", footer = "  envguard environments revoke production grace@example.com")
    static final class Revoke extends SessionCommand {
        @Parameters(index = "0", paramLabel = "ENV") String environment;
        @Parameters(index = "1", paramLabel = "USER", description = "An email, a name or a user id.") String user;
        @Mixin TeamOption team;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            String teamId = team.resolve(api);
            Member member = Users.resolve(api, user);
            Group group = api.revoke(teamId, environment, member.userId());
            session.output().print(group, () -> "revoked " + environment + " from " + Users.describe(member)
                    + "\n\n" + GroupViews.describe(group));
            return ExitCode.OK;
        }
    }

    @Command(name = "history", description = "Every change of an environment group, oldest first.",
            footerHeading = "%nExample:%n", footer = "  envguard environments history production")
    static final class History extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;

        @Override
        protected ExitCode run(Session session) {
            EnvguardApi api = session.api();
            List<Change> changes = api.history(team.resolve(api), environment);
            session.output().print(changes, () -> {
                Table table = new Table("revision", "at", "change", "by", "details");
                for (Change change : changes) {
                    table.row(change.revision(), change.at(), change.type(),
                            change.actor() == null ? null : change.actor().email(),
                            change.details().entrySet().stream()
                                    .filter(e -> e.getValue() != null)
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(" ")));
                }
                return table.render();
            });
            return ExitCode.OK;
        }
    }

    @Command(name = "access", description = "Who could change an environment at an instant (now without --at), folded from its history.",
            footerHeading = "%nExample:%n",
            footer = {"  envguard environments access production --at 2026-11-27T09:00:00Z", "  envguard environments access production --at 2h"})
    static final class Access extends SessionCommand {
        @Parameters(paramLabel = "ENV") String environment;
        @Mixin TeamOption team;
        @Option(names = "--at", paramLabel = "WHEN", description = "An ISO-8601 instant, or a span back from now (2h, 7d).")
        String at;

        @Override
        protected ExitCode run(Session session) {
            Instant instant = at == null ? null : Instants.ago(at, session.clock());
            EnvguardApi api = session.api();
            AccessAt access = api.accessAt(team.resolve(api), environment, instant);
            session.output().print(access, () -> "environment  " + access.name() + "\nat           " + access.at()
                    + "\nrevision     " + access.revision() + "\nrestricted   "
                    + (access.manageAccess().restricted() ? "yes" : "no") + "\n" + GroupViews.access(access.manageAccess()));
            return ExitCode.OK;
        }
    }
}
