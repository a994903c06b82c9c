package io.glasshouse.bench.loadgen;

/** Which kinds of series each simulated instance exposes. */
public enum Mix {
  /** Only monotonic counters. */
  COUNTERS(1, 0, 0),
  /** Only gauges. */
  GAUGES(0, 1, 0),
  /** Only latency histograms. */
  HISTOGRAMS(0, 0, 1),
  /** Half counters, 30% gauges, 20% histograms (by series). */
  MIXED(0.5, 0.3, 0.2);

  final double counters;
  final double gauges;
  final double histograms;

  Mix(double counters, double gauges, double histograms) {
    this.counters = counters;
    this.gauges = gauges;
    this.histograms = histograms;
  }
}
