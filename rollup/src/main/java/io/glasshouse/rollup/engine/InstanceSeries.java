package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.WellKnownLabels;

/**
 * One instance's series: the rollup it feeds and, for cumulative input, the baseline (last reading, start time,
 * last timestamp) from which the next increase is computed. A cumulative series keeps its baseline for as long
 * as its instance is in the registry, so a series that goes silent and comes back never counts again what it
 * had already counted; gauge and delta series carry no state and are forgotten once silent.
 */
final class InstanceSeries {
  final long id;
  final RollupSeries rollup;
  final String metric;
  final Labels labels;
  double lastValue = Double.NaN;
  Buckets lastBuckets;
  long startMs;
  long lastTs = Long.MIN_VALUE;
  /** When a sample of this series last arrived, by the engine's clock (not the sample's timestamp). */
  long lastArrivalMs;
  boolean dirty;
  /** For a classic histogram part: the instance histogram it belongs to (labels without le, with the name). */
  Labels histogramLabels;
  /** Role in per-instance figures (see {@code RollupState#healthRole}), valid while {@code healthEpoch} matches. */
  int healthEpoch = -1;
  int requestRank = -1;
  int latencyRank = -1;
  boolean error;
  /** Set once the engine forgot this series (it may have been replaced under the same key). */
  boolean forgotten;

  InstanceSeries(long id, RollupSeries rollup, String metric, Labels labels, long arrivalMs) {
    this.id = id;
    this.rollup = rollup;
    this.metric = metric;
    this.labels = labels;
    this.lastArrivalMs = arrivalMs;
    rollup.instanceSeries++;
  }

  /** True once a cumulative reading was seen: the series has a baseline to keep. */
  boolean hasBaseline() {
    return lastTs != Long.MIN_VALUE;
  }

  String instance() {
    return labels.get(WellKnownLabels.INSTANCE);
  }

  /** Called when the engine forgets this series. */
  void forget() {
    forgotten = true;
    rollup.instanceSeries--;
  }
}
