package io.envguard.deployment.deployment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the model runtime this control plane would drive: logs and metrics shaped like a real runtime's,
 * derived from the deployment's state so that they are plausible and repeatable.
 */
final class RuntimeStandIn {

    private RuntimeStandIn() {
    }

    static Map<String, Object> logs(DeploymentView deployment) {
        List<Map<String, Object>> lines = new ArrayList<>();
        Instant created = deployment.createdAt().truncatedTo(ChronoUnit.MILLIS);
        lines.add(line(created, "INFO", "deployment " + deployment.name() + " created on " + deployment.instanceType()));
        lines.add(line(created.plusMillis(1), "INFO", "status " + deployment.status()));
        if (deployment.environment() != null) {
            lines.add(line(created.plusMillis(2), "INFO", "serving environment " + deployment.environment()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment_id", deployment.id());
        body.put("logs", lines);
        return body;
    }

    static Map<String, Object> metrics(DeploymentView deployment) {
        AutoscalingSettings scaling = deployment.autoscalingSettings();
        boolean active = "ACTIVE".equals(deployment.status());
        int replicas = active ? Math.max(scaling.minReplica(), deployment.environment() != null ? 1 : 0) : 0;
        Map<String, Object> replicaCounts = new LinkedHashMap<>();
        replicaCounts.put("ready", replicas);
        replicaCounts.put("starting", 0);
        replicaCounts.put("min", scaling.minReplica());
        replicaCounts.put("max", scaling.maxReplica());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployment_id", deployment.id());
        body.put("window_seconds", scaling.autoscalingWindow());
        body.put("replicas", replicaCounts);
        body.put("requests_per_second", 0.0);
        body.put("concurrent_requests", 0);
        body.put("latency_ms", Map.of("p50", 0.0, "p90", 0.0, "p99", 0.0));
        body.put("at", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return body;
    }

    private static Map<String, Object> line(Instant at, String level, String message) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", at);
        line.put("level", level);
        line.put("replica", null);
        line.put("message", message);
        return line;
    }
}
