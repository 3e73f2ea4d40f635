package io.envguard.cli.audit;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Session;
import io.envguard.cli.SessionCommand;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.AuditEntry;
import io.envguard.cli.members.Users;
import io.envguard.cli.output.Instants;
import io.envguard.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

@Command(name = "audit",
        description = "The audit log (organization admins): every guarded change, allowed or denied, newest first.",
        footerHeading = "%nExample:%n",
        footer = {"  envguard audit --environment production --outcome denied --since 24h",
                "  envguard audit --user grace@example.com --limit 200 -o json"})
public final class AuditCommand extends SessionCommand {

    enum Outcome { allowed, denied }

    @Option(names = "--environment", paramLabel = "ENV") String environment;
    @Option(names = "--user", paramLabel = "USER", description = "Only this member's changes (email, name or id).") String user;
    @Option(names = "--outcome", paramLabel = "OUTCOME", description = "allowed or denied.") Outcome outcome;
    @Option(names = "--since", paramLabel = "WHEN", description = "An ISO-8601 instant or a span back from now (24h, 7d).") String since;
    @Option(names = "--until", paramLabel = "WHEN", description = "An ISO-8601 instant or a span back from now.") String until;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most this many entries (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    protected ExitCode run(Session session) {
        Instant from = since == null ? null : Instants.ago(since, session.clock());
        Instant to = until == null ? null : Instants.ago(until, session.clock());
        EnvguardApi api = session.api();
        String userId = user == null ? null : Users.resolve(api, user).userId();
        // The platform filters by environment, user and time; the outcome is filtered here.
        List<AuditEntry> entries = api.auditLogs(environment, userId, from, to, outcome == null ? limit : Integer.MAX_VALUE)
                .stream()
                .filter(e -> outcome == null || outcome.name().equalsIgnoreCase(e.outcome()))
                .limit(limit)
                .toList();
        session.output().print(entries, () -> {
            Table table = new Table("at", "outcome", "action", "environment", "reason", "user", "credential");
            for (AuditEntry e : entries) {
                table.row(e.created(), e.outcome(), e.action(), e.environment(), e.reason(),
                        e.actor() == null ? null : e.actor().email(),
                        e.actor() == null ? null : e.actor().apiKeyPrefix() != null ? "key " + e.actor().apiKeyPrefix()
                                : e.actor().credential());
            }
            return table.render();
        });
        return ExitCode.OK;
    }
}
