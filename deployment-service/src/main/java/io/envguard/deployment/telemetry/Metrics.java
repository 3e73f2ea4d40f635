package io.envguard.deployment.telemetry;

import java.util.List;
import java.util.Map;

/**
 * Metrics over a window (Baseten's GetModelMetricsResponseV1): each descriptor once, and per step the values aligned
 * to the descriptors, each a list aligned to its label sets; null where there is no data.
 */
public record Metrics(long startEpochMillis, long endEpochMillis, MetricsQuery.Mode mode, Integer stepSeconds,
                      List<Descriptor> metricDescriptors, List<ValueSet> metricValues) {

    /** One metric (Baseten's ModelMetricDescriptorV1). */
    public record Descriptor(String name, String unitHint, String kind, List<Map<String, String>> labelSets) {
    }

    /** The values of one step (Baseten's ModelMetricValueSetV1). */
    public record ValueSet(long startEpochMillis, List<List<Double>> values) {
    }
}
