package io.envguard.cli.deploy;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Deployment;
import io.envguard.cli.api.EnvguardApi.Kind;
import io.envguard.cli.api.EnvguardApi.Workload;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds a model or chain, and one of its deployments, by name or id. */
public final class Workloads {

    private Workloads() {
    }

    public static Workload resolve(EnvguardApi api, Kind kind, String nameOrId) {
        List<Workload> matches = api.workloads(kind).stream()
                .filter(w -> nameOrId.equals(w.id()) || nameOrId.equals(w.name()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new Failure(ExitCode.NOT_FOUND, "no " + kind.label() + " \"" + nameOrId + "\" that you can see");
        }
        throw new Failure(ExitCode.INVALID_INPUT, "\"" + nameOrId + "\" names several " + kind.label()
                + "s; give its id: " + matches.stream().map(w -> w.name() + " " + w.id() + " (team " + w.teamId() + ")")
                .collect(Collectors.joining("; ")));
    }

    /** The model of that name in the team (the default team when {@code teamId} is null), if there is one. */
    public static Optional<Workload> findModel(EnvguardApi api, String name, String teamId) {
        List<Workload> matches = api.workloads(Kind.MODEL).stream()
                .filter(w -> name.equals(w.name()) && (teamId == null || teamId.equals(w.teamId())))
                .toList();
        if (matches.size() > 1) {
            throw new Failure(ExitCode.INVALID_INPUT, "several models are named \"" + name + "\"; name the team with --team");
        }
        return matches.stream().findFirst();
    }

    public static Deployment deployment(EnvguardApi api, Kind kind, Workload workload, String nameOrId) {
        List<Deployment> matches = api.deployments(kind, workload.id()).stream()
                .filter(d -> nameOrId.equals(d.id()) || nameOrId.equals(d.name()))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new Failure(ExitCode.NOT_FOUND, "no deployment \"" + nameOrId + "\" of " + kind.label() + " "
                    + workload.name());
        }
        throw new Failure(ExitCode.INVALID_INPUT, "\"" + nameOrId + "\" names several deployments; give its id");
    }

    /** The deployment current in an environment; a failure when there is none. */
    public static String currentIn(EnvguardApi api, Kind kind, Workload workload, String environment) {
        try {
            Deployment current = api.environment(kind, workload.id(), environment).currentDeployment();
            if (current == null) {
                throw new Failure(ExitCode.NOT_FOUND, "no deployment is current in " + environment + " of "
                        + kind.label() + " " + workload.name());
            }
            return current.id();
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw new Failure(ExitCode.NOT_FOUND, kind.label() + " " + workload.name() + " has no environment "
                        + environment);
            }
            throw e;
        }
    }
}
