// Reading Baseten's metrics and log shapes (src/metrics.js): pure, no browser and no platform needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latestMetric, logTime } from '../src/metrics.js';

const response = {
  start_epoch_millis: 0,
  end_epoch_millis: 120000,
  mode: 'SERIES',
  step_seconds: 60,
  metric_descriptors: [
    { name: 'baseten_replicas_active', unit_hint: 'COUNT', kind: 'GAUGE', label_sets: [{}] },
    {
      name: 'baseten_end_to_end_response_time_seconds', unit_hint: 'SECONDS', kind: 'HISTOGRAM',
      label_sets: [{ quantile: '0.5' }, { quantile: '0.99' }, { stat: 'avg' }],
    },
  ],
  metric_values: [
    { start_epoch_millis: 0, values: [[null], [null, null, null]] },
    { start_epoch_millis: 60000, values: [[2], [0.25, null, 0.3]] },
  ],
};

test('a metric is read from the latest step, at its descriptor index and label set', () => {
  assert.equal(latestMetric(response, 'baseten_replicas_active'), 2);
  assert.equal(latestMetric(response, 'baseten_end_to_end_response_time_seconds', { quantile: '0.5' }), 0.25);
  assert.equal(latestMetric(response, 'baseten_end_to_end_response_time_seconds', { stat: 'avg' }), 0.3);
});

test('no data, no such series and no such metric all read as null', () => {
  assert.equal(latestMetric(response, 'baseten_end_to_end_response_time_seconds', { quantile: '0.99' }), null);
  assert.equal(latestMetric(response, 'baseten_end_to_end_response_time_seconds', { quantile: '0.9' }), null);
  assert.equal(latestMetric(response, 'baseten_inference_requests_total'), null);
  assert.equal(latestMetric({ ...response, metric_values: [] }, 'baseten_replicas_active'), null);
});

test('a log timestamp in epoch nanoseconds is read without losing the milliseconds', () => {
  assert.equal(logTime('1764330000123456789').toISOString(), '2025-11-28T11:40:00.123Z');
});
