package io.envguard.cli.members;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi.Member;
import io.envguard.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "members", description = "The members of your organization.",
        subcommands = MembersCommand.Search.class,
        footerHeading = "%nExample:%n", footer = "  envguard members search grace")
public final class MembersCommand {

    @Command(name = "search", description = "Find members whose name or email contains TEXT (ignoring case).",
            footerHeading = "%nExample:%n",
            footer = {"  envguard members search grace", "  envguard members search @example.com -o json"})
    static final class Search extends SessionCommand {

        @Parameters(paramLabel = "TEXT", description = "Part of a name or an email; empty lists everyone.",
                arity = "0..1", defaultValue = "")
        String text;

        @Override
        protected ExitCode run(Session session) {
            List<Member> members = session.api().searchMembers(text);
            session.output().print(members, () -> {
                Table table = new Table("user id", "name", "email", "role");
                members.forEach(m -> table.row(m.userId(), m.name(), m.email(), m.role()));
                return table.render();
            });
            return ExitCode.OK;
        }
    }
}
