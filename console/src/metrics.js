// Reading Baseten's telemetry shapes, which the deployment and environment logs and metrics answer with.

/**
 * The latest values of one metric of a GetModelMetricsResponseV1, by label set: the response is index-mapped (each
 * value set's `values` follow `metric_descriptors`, each entry follows that descriptor's `label_sets`). A plain metric
 * has one unlabelled series, read with `{}`; a histogram's quantiles with `{quantile: '0.5'}`. Null where there is no
 * data, or when the response has no such metric or series.
 */
export function latestMetric(response, name, labels = {}) {
  const index = response?.metric_descriptors?.findIndex((d) => d.name === name) ?? -1;
  const latest = response?.metric_values?.at(-1);
  if (index < 0 || !latest) return null;
  const wanted = JSON.stringify(Object.entries(labels).sort());
  const series = response.metric_descriptors[index].label_sets
    .findIndex((set) => JSON.stringify(Object.entries(set).sort()) === wanted);
  return series < 0 ? null : latest.values[index]?.[series] ?? null;
}

/** A LogV1 timestamp (epoch nanoseconds, as text) as a Date. */
export function logTime(timestamp) {
  return new Date(Number(BigInt(timestamp) / 1_000_000n));
}
