package io.envguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.envguard.cli.api.ApiException;
import io.envguard.cli.api.Unreachable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an error of the platform means to the user, and its exit code: one place for the whole CLI. */
public final class Failures {

    private Failures() {
    }

    public static Failure of(ApiException e) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", e.status());
        if (!e.code().isEmpty()) {
            details.put("code", e.code());
        }
        String said = e.getMessage() == null || e.getMessage().isBlank() ? "" : ": " + e.getMessage();
        ExitCode exit;
        switch (e.status()) {
            case 400, 413 -> {
                exit = ExitCode.INVALID_INPUT;
                lines.add("invalid input" + said);
                JsonNode fields = e.body() == null ? null : e.body().get("fields");
                if (fields != null && fields.isObject()) {
                    fields.fields().forEachRemaining(f -> lines.add("  " + f.getKey() + ": " + f.getValue().asText()));
                }
            }
            case 401 -> {
                exit = ExitCode.AUTHENTICATION_FAILED;
                lines.add("authentication failed: " + e.url() + " did not accept the API key (wrong, deleted or expired)");
                lines.add("run `envguard login` with a valid key, or set ENVGUARD_API_KEY");
            }
            case 403 -> {
                exit = ExitCode.REFUSED;
                if ("ENVIRONMENT_RESTRICTED".equals(e.code())) {
                    lines.add("refused: " + action(e.field("action")) + " in environment \"" + e.field("environment")
                            + "\" (restricted)");
                    lines.add("reason: " + e.field("reason"));
                    details.put("environment", e.field("environment"));
                    details.put("action", e.field("action"));
                    details.put("reason", e.field("reason"));
                } else {
                    lines.add("refused" + said);
                }
                lines.add("nothing was changed.");
            }
            case 404 -> {
                exit = ExitCode.NOT_FOUND;
                lines.add("not found" + said);
            }
            case 409, 412 -> {
                exit = ExitCode.CONFLICT;
                lines.add((e.status() == 412 ? "changed meanwhile, nothing was changed; look again and retry" : "conflict")
                        + said);
            }
            case 429 -> {
                exit = ExitCode.UNAVAILABLE;
                lines.add("platform unavailable: too many requests; the change did NOT happen, retry in a second");
            }
            default -> {
                if (e.status() >= 500) {
                    exit = ExitCode.UNAVAILABLE;
                    lines.add("platform unavailable (" + e.status() + (e.code().isEmpty() ? "" : " " + e.code()) + ")"
                            + said);
                    lines.add("the change did NOT happen; retry later");
                } else {
                    exit = ExitCode.ERROR;
                    lines.add("unexpected answer " + e.status() + said);
                }
            }
        }
        details.put("message", e.getMessage());
        return new Failure(exit, lines, details);
    }

    public static Failure of(Unreachable e) {
        return new Failure(ExitCode.UNAVAILABLE,
                List.of("platform unavailable: cannot reach " + e.url() + " (" + e.getMessage() + ")",
                        "nothing was changed. Is the platform running (bin/platform up), and is the URL right?"),
                Map.of("url", e.url()));
    }

    /** {@code UPDATE_AUTOSCALING} → {@code update autoscaling}. */
    public static String action(String action) {
        return action == null ? "" : action.toLowerCase().replace('_', ' ');
    }
}
