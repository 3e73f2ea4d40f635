package io.envguard.deployment.deployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a deployment (or a chainlet) scales. As a PATCH body every field is optional: absent fields keep their
 * current value. Baseten's {@code target_in_flight_tokens} (early access) and {@code max_scale_down_rate} are accepted
 * and ignored: the stand-in runtime scales on neither, so storing them would promise behaviour nothing delivers.
 */
@JsonIgnoreProperties(value = {"target_in_flight_tokens", "max_scale_down_rate"})
@Embeddable
public record AutoscalingSettings(
        @Column(name = "min_replica") Integer minReplica,
        @Column(name = "max_replica") Integer maxReplica,
        @Column(name = "autoscaling_window") Integer autoscalingWindow,
        @Column(name = "scale_down_delay") Integer scaleDownDelay,
        @Column(name = "concurrency_target") Integer concurrencyTarget,
        @Column(name = "target_utilization_percentage") Integer targetUtilizationPercentage) {

    public static final AutoscalingSettings DEFAULTS = new AutoscalingSettings(0, 1, 60, 900, 1, 70);

    static final int MAX_REPLICAS = 1000;
    static final int MAX_SECONDS = 86_400;

    /** These settings with every field the patch carries replaced. */
    public AutoscalingSettings merge(AutoscalingSettings patch) {
        if (patch == null) {
            return this;
        }
        return new AutoscalingSettings(
                patch.minReplica != null ? patch.minReplica : minReplica,
                patch.maxReplica != null ? patch.maxReplica : maxReplica,
                patch.autoscalingWindow != null ? patch.autoscalingWindow : autoscalingWindow,
                patch.scaleDownDelay != null ? patch.scaleDownDelay : scaleDownDelay,
                patch.concurrencyTarget != null ? patch.concurrencyTarget : concurrencyTarget,
                patch.targetUtilizationPercentage != null ? patch.targetUtilizationPercentage : targetUtilizationPercentage);
    }

    /** The problems of complete settings, by field name; empty when they are valid. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        range(problems, "min_replica", minReplica, 0, MAX_REPLICAS);
        range(problems, "max_replica", maxReplica, 1, MAX_REPLICAS);
        range(problems, "autoscaling_window", autoscalingWindow, 0, MAX_SECONDS);
        range(problems, "scale_down_delay", scaleDownDelay, 0, MAX_SECONDS);
        range(problems, "concurrency_target", concurrencyTarget, 1, 1_000_000);
        range(problems, "target_utilization_percentage", targetUtilizationPercentage, 1, 100);
        if (!problems.containsKey("min_replica") && !problems.containsKey("max_replica") && minReplica > maxReplica) {
            problems.put("min_replica", "must not be greater than max_replica (" + maxReplica + ")");
        }
        return problems;
    }

    private static void range(Map<String, String> problems, String field, Integer value, int min, int max) {
        if (value == null) {
            problems.put(field, "is required");
        } else if (value < min || value > max) {
            problems.put(field, "must be between " + min + " and " + max);
        }
    }
}
