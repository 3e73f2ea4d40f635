package io.envguard.deployment.telemetry;

import io.envguard.deployment.deployment.Deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for the runtime's metrics: what a deployment would report, derived from its state. Replicas are those it
 * runs ({@link Deployment#activeReplicas}); the stand-in runtime counts no requests, so their total is 0 and their
 * latency has no data (null). Before the deployment existed there is no data.
 */
final class RuntimeMetrics {

    private RuntimeMetrics() {
    }

    private static final Map<String, String> NO_LABELS = Map.of();

    /** The metrics the stand-in knows, by name (Baseten's names). */
    static final Map<String, Metrics.Descriptor> KNOWN = known();

    /** What is answered when no metric is named: Baseten's default set. */
    static final List<String> DEFAULT = List.copyOf(KNOWN.keySet());

    /** The most steps a series has; the step is the window divided by it, at least a minute. */
    private static final int MAX_STEPS = 60;

    private static Map<String, Metrics.Descriptor> known() {
        Map<String, Metrics.Descriptor> known = new LinkedHashMap<>();
        known.put("baseten_replicas_active", new Metrics.Descriptor("baseten_replicas_active", "COUNT", "GAUGE", List.of(NO_LABELS)));
        known.put("baseten_inference_requests_total", new Metrics.Descriptor("baseten_inference_requests_total", "COUNT", "COUNTER", List.of(NO_LABELS)));
        known.put("baseten_end_to_end_response_time_seconds", new Metrics.Descriptor("baseten_end_to_end_response_time_seconds",
                "SECONDS", "HISTOGRAM", List.of(Map.of("quantile", "0.5"), Map.of("quantile", "0.9"), Map.of("quantile", "0.99"),
                Map.of("stat", "avg"))));
        return Collections.unmodifiableMap(known);
    }

    /**
     * The metrics of the deployment (null for an environment serving none); {@code serving} says whether it is current
     * in an environment.
     */
    static Metrics of(Deployment deployment, boolean serving, MetricsQuery query) {
        List<Metrics.Descriptor> descriptors = query.metrics().stream().map(KNOWN::get).toList();
        List<Metrics.ValueSet> sets = new ArrayList<>();
        Integer stepSeconds = null;
        if (query.mode() == MetricsQuery.Mode.SERIES) {
            long window = Duration.between(query.start(), query.end()).toSeconds();
            long step = Math.max(60, (window + MAX_STEPS - 1) / MAX_STEPS);
            stepSeconds = (int) step;
            for (Instant at = query.start(); at.isBefore(query.end()); at = at.plusSeconds(step)) {
                Instant stepEnd = at.plusSeconds(step).isAfter(query.end()) ? query.end() : at.plusSeconds(step);
                sets.add(valueSet(at, stepEnd, deployment, serving, descriptors));
            }
        } else {
            sets.add(valueSet(query.start(), query.end(), deployment, serving, descriptors));
        }
        return new Metrics(query.start().toEpochMilli(), query.end().toEpochMilli(), query.mode(), stepSeconds, descriptors, sets);
    }

    private static Metrics.ValueSet valueSet(Instant start, Instant end, Deployment deployment, boolean serving,
                                             List<Metrics.Descriptor> descriptors) {
        boolean existed = deployment != null && !deployment.createdAt.isAfter(end);
        List<List<Double>> values = descriptors.stream().map(descriptor -> {
            if (!existed) {
                return Collections.<Double>nCopies(descriptor.labelSets().size(), null);
            }
            return switch (descriptor.name()) {
                case "baseten_replicas_active" -> List.of((double) deployment.activeReplicas(serving));
                case "baseten_inference_requests_total" -> List.of(0.0);
                default -> Collections.<Double>nCopies(descriptor.labelSets().size(), null);
            };
        }).toList();
        return new Metrics.ValueSet(start.toEpochMilli(), values);
    }
}
