package io.envguard.cli.members;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Team;

import java.util.List;
import java.util.stream.Collectors;

/** Turns a {@code --team} (a name or an id) into a team id; no {@code --team} means the default team (null). */
public final class Teams {

    private Teams() {
    }

    public static String resolve(EnvguardApi api, String team) {
        if (team == null) {
            return null;
        }
        List<Team> teams = api.teams();
        List<Team> matches = teams.stream()
                .filter(t -> team.equals(t.id()) || team.equalsIgnoreCase(t.name()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0).id();
        }
        if (matches.isEmpty()) {
            throw new Failure(ExitCode.NOT_FOUND, "no team \"" + team + "\" of yours; your teams: "
                    + teams.stream().map(Team::name).collect(Collectors.joining(", ")));
        }
        throw new Failure(ExitCode.INVALID_INPUT, "\"" + team + "\" names several teams; give its id: "
                + matches.stream().map(t -> t.name() + " " + t.id()).collect(Collectors.joining("; ")));
    }
}
