package io.envguard.cli.permissions;

import io.envguard.cli.ExitCode;
import io.envguard.cli.Failure;
import io.envguard.cli.Failures;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.EnvguardApi;
import io.envguard.cli.api.EnvguardApi.Group;
import io.envguard.cli.api.EnvguardApi.GroupUser;
import io.envguard.cli.api.Unreachable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A refused change, said clearly: the environment, the action, the reason in words, and who can grant access (the
 * organisation's and the team's admins, read from the environment group).
 */
public final class Refusals {

    private static final Map<String, String> REASONS = Map.of(
            "NOT_GRANTED", "the environment is restricted and you hold no grant on it",
            "GRANT_EXPIRED", "your grant on this environment has expired",
            "ADMIN_DEMOTED", "you are no longer an admin, and an admin's access ended with the role",
            "NOT_IN_TEAM", "you are not a member of the team that owns it",
            "NOT_A_MEMBER", "you are not a member of the organization",
            "ORG_ADMIN", "you are an admin of the organization",
            "TEAM_ADMIN", "you are an admin of the team",
            "GRANTED", "you hold a grant on this restricted environment",
            "UNRESTRICTED", "the environment is not restricted");

    private Refusals() {
    }

    /** {@code REASON: the reason in words}. */
    public static String explain(String reason) {
        String words = REASONS.get(reason);
        return words == null ? reason : reason + " (" + words + ")";
    }

    /**
     * Runs a guarded change; an {@code ENVIRONMENT_RESTRICTED} answer becomes a refusal naming who can grant access in
     * that team's environment.
     */
    public static <T> T guarded(EnvguardApi api, String teamId, Supplier<T> change) {
        try {
            return change.get();
        } catch (ApiException e) {
            if ("ENVIRONMENT_RESTRICTED".equals(e.code())) {
                throw refused(api, teamId, e.field("environment"), e.field("action"), e.field("reason"));
            }
            throw e;
        }
    }

    public static Failure refused(EnvguardApi api, String teamId, String environment, String action, String reason) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", "ENVIRONMENT_RESTRICTED");
        details.put("environment", environment);
        details.put("action", action);
        details.put("reason", reason);
        lines.add("refused: " + Failures.action(action) + " in environment \"" + environment + "\"");
        lines.add("reason: " + explain(reason));
        List<GroupUser> granters = granters(api, teamId, environment);
        if (!granters.isEmpty()) {
            lines.add("who can grant access: " + describe(granters));
            details.put("can_grant", granters);
        }
        lines.add("nothing was changed.");
        return new Failure(ExitCode.REFUSED, lines, details);
    }

    public static String describe(List<GroupUser> granters) {
        return granters.stream().map(u -> u.name() + " <" + u.email() + "> (" + u.via() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The admins who may grant access; none when the group cannot be read (the refusal is said all the same). */
    public static List<GroupUser> granters(EnvguardApi api, String teamId, String environment) {
        try {
            Group group = api.group(teamId, environment);
            return group.manageAccess().users().stream()
                    .filter(u -> "ORG_ADMIN".equals(u.via()) || "TEAM_ADMIN".equals(u.via()))
                    .toList();
        } catch (ApiException | Unreachable e) {
            return List.of();
        }
    }
}
