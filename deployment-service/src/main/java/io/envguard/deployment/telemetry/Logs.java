package io.envguard.deployment.telemetry;

import java.util.List;

/** The answer to a logs query (Baseten's GetLogsResponseV1). */
public record Logs(List<Line> logs) {

    /** One line (Baseten's LogV1): its time in epoch nanoseconds, as text; replica and request id when known. */
    public record Line(String timestamp, String message, String replica, String requestId, LogLevel level) {
    }
}
