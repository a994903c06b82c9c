package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;

/** One instance's series: the rollup it feeds and, for cumulative input, the last reading seen. */
final class InstanceSeries {
  final long id;
  final RollupSeries rollup;
  final String metric;
  final Labels labels;
  double lastValue = Double.NaN;
  Buckets lastBuckets;
  long startMs;
  long lastTs = Long.MIN_VALUE;
  boolean dirty;
  /** For a classic histogram part: the instance histogram it belongs to (labels without le, with the name). */
  Labels histogramLabels;

  InstanceSeries(long id, RollupSeries rollup, String metric, Labels labels) {
    this.id = id;
    this.rollup = rollup;
    this.metric = metric;
    this.labels = labels;
  }

  boolean hasBaseline() {
    return lastTs != Long.MIN_VALUE;
  }
}
