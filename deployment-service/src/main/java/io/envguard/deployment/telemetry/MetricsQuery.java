package io.envguard.deployment.telemetry;

import io.envguard.edge.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which metrics over which window (the query of {@code GET .../metrics}): {@code CURRENT} (the default) is a snapshot
 * at now and takes no window; {@code SUMMARY} and {@code SERIES} cover the window, by default the hour before
 * {@code end_epoch_millis} (now), at most 7 days. Without {@code metrics}, Baseten's default set.
 */
public record MetricsQuery(Mode mode, Instant start, Instant end, List<String> metrics) {

    public enum Mode { CURRENT, SUMMARY, SERIES }

    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    static final Duration MAX_WINDOW = Duration.ofDays(7);

    public static MetricsQuery fromQuery(String mode, String start, String end, List<String> metrics, Instant now) {
        Map<String, String> problems = new LinkedHashMap<>();
        Mode parsed = Mode.CURRENT;
        if (mode != null) {
            try {
                parsed = Mode.valueOf(mode);
            } catch (IllegalArgumentException e) {
                problems.put("mode", "must be CURRENT, SUMMARY or SERIES");
            }
        }
        Long startMillis = LogQuery.number(start, "start_epoch_millis", problems);
        Long endMillis = LogQuery.number(end, "end_epoch_millis", problems);
        if (parsed == Mode.CURRENT && (start != null || end != null)) {
            problems.put(start != null ? "start_epoch_millis" : "end_epoch_millis", "must be omitted in CURRENT mode");
        }
        Instant to = endMillis == null ? now : Instant.ofEpochMilli(endMillis);
        Instant from = parsed == Mode.CURRENT ? to : startMillis == null ? to.minus(DEFAULT_WINDOW) : Instant.ofEpochMilli(startMillis);
        if (from.isAfter(to)) {
            problems.put("start_epoch_millis", "must not be after end_epoch_millis");
        } else if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            problems.put("start_epoch_millis", "the window from start to end must not exceed 7 days");
        }
        List<String> names = metrics == null || metrics.isEmpty() ? RuntimeMetrics.DEFAULT : List.copyOf(metrics);
        List<String> unknown = names.stream().filter(name -> !RuntimeMetrics.KNOWN.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            problems.put("metrics", "unknown: " + String.join(", ", unknown) + "; known: " + String.join(", ", RuntimeMetrics.KNOWN.keySet()));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return new MetricsQuery(parsed, from, to, names);
    }
}
