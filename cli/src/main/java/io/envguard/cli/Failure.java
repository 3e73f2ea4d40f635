package io.envguard.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command ends without doing what was asked: the exit code, the lines said to the user (standard error) and, for
 * {@code -o json}, the same facts as fields.
 */
public final class Failure extends RuntimeException {

    private final ExitCode exitCode;
    private final List<String> lines;
    private final Map<String, Object> details;

    public Failure(ExitCode exitCode, List<String> lines, Map<String, Object> details) {
        super(String.join("\n", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
        this.details = new LinkedHashMap<>(details);
    }

    public Failure(ExitCode exitCode, String message) {
        this(exitCode, List.of(message), Map.of());
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public List<String> lines() {
        return lines;
    }

    public Map<String, Object> details() {
        return details;
    }
}
