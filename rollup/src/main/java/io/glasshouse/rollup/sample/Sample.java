package io.glasshouse.rollup.sample;

/**
 * One observation from one instance, as every decoder produces it.
 *
 * <p>Contract: {@code labels} include {@code service} and usually {@code instance} (the decoders map the
 * protocol's own fields onto them, see DESIGN.md); {@code timestampMs} is milliseconds since the epoch, UTC.
 * For {@link MetricKind#COUNTER} and {@link MetricKind#GAUGE} the reading is {@code value} and {@code buckets}
 * is null; for {@link MetricKind#HISTOGRAM} the reading is {@code buckets} (values in seconds) and
 * {@code value} is ignored. {@code temporality} matters for counters and histograms only.
 * {@code startTimeMs} is the OTLP start time of a cumulative series (0 when the protocol has none): when it
 * changes, the instance restarted and the whole value is new.
 *
 * <p>A <em>histogram part</em> ({@link #histogramPart}) is one cumulative series of a Prometheus classic
 * histogram as it arrives on its own: {@code <base>_bucket} with an {@code le} label, {@code <base>_count} or
 * {@code <base>_sum}. Its kind is {@link MetricKind#HISTOGRAM}, {@code buckets} is null and {@code value} is the
 * part's cumulative reading. The engine keeps each part as its own cumulative series (own reset detection) and
 * merges the parts' increases into the histogram {@code <base>} with the other labels, whatever request carried
 * which part.
 */
public record Sample(
    String metric,
    Labels labels,
    long timestampMs,
    MetricKind kind,
    Temporality temporality,
    double value,
    Buckets buckets,
    long startTimeMs) {

  public static Sample counter(String metric, Labels labels, long timestampMs, double cumulativeValue) {
    return new Sample(metric, labels, timestampMs, MetricKind.COUNTER, Temporality.CUMULATIVE, cumulativeValue, null, 0);
  }

  public static Sample deltaCounter(String metric, Labels labels, long timestampMs, double increase) {
    return new Sample(metric, labels, timestampMs, MetricKind.COUNTER, Temporality.DELTA, increase, null, 0);
  }

  public static Sample gauge(String metric, Labels labels, long timestampMs, double value) {
    return new Sample(metric, labels, timestampMs, MetricKind.GAUGE, Temporality.DELTA, value, null, 0);
  }

  public static Sample histogram(String metric, Labels labels, long timestampMs, Temporality temporality, Buckets buckets) {
    return new Sample(metric, labels, timestampMs, MetricKind.HISTOGRAM, temporality, 0, buckets, 0);
  }

  /**
   * One part of a classic histogram: {@code partMetric} is {@code <base>_bucket} (and {@code labels} has
   * {@code le}), {@code <base>_count} or {@code <base>_sum}; {@code cumulativeValue} is the part's reading.
   */
  public static Sample histogramPart(String partMetric, Labels labels, long timestampMs, double cumulativeValue) {
    return new Sample(partMetric, labels, timestampMs, MetricKind.HISTOGRAM, Temporality.CUMULATIVE, cumulativeValue,
        null, 0);
  }

  /** Whether this is one part of a classic histogram (see {@link #histogramPart}). */
  public boolean isHistogramPart() {
    return kind == MetricKind.HISTOGRAM && buckets == null;
  }

  /** This sample with an OTLP start time. */
  public Sample withStartTime(long startMs) {
    return new Sample(metric, labels, timestampMs, kind, temporality, value, buckets, startMs);
  }

  public String service() {
    return labels.get(WellKnownLabels.SERVICE);
  }

  public String instance() {
    return labels.get(WellKnownLabels.INSTANCE);
  }
}
