package io.glasshouse.rollup.sample;

/** What a sample measures, which decides how instances merge into a service rollup. */
public enum MetricKind {
  /** A count of events: instances' increases are summed. */
  COUNTER,
  /** A level: min, max, sum, count and last across instances. */
  GAUGE,
  /** A distribution (latency): bucket counts merged into one HdrHistogram. */
  HISTOGRAM
}
