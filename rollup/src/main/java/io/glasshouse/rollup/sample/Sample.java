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
