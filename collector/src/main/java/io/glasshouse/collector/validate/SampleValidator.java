package io.glasshouse.collector.validate;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.sample.WellKnownLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks decoded samples against the {@link ValidationLimits} and the clock.
 *
 * <p>Contract: {@link #validate} returns the samples that pass, in order, and records every other one in the
 * tally under one of the {@link Reasons}; it never throws for bad input. A sample passes when it has a
 * non-empty {@code service} label, a metric name matching {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, at most
 * {@code maxLabelsPerSample} labels whose names match {@code [a-zA-Z_][a-zA-Z0-9_]*} and whose names and values
 * are within the length limits and whose values are well-formed text (no lone UTF-16 surrogate), a finite value
 * (counters and gauges; counters, cumulative or delta, also not negative) or well-formed finite {@link Buckets}
 * (histograms: every bucket count, their sum and {@code count} in {@code [0, }{@link #MAX_COUNT}{@code ]}, and
 * {@code count} equal to the sum of the buckets), an {@code instance} label when it is cumulative (counters and
 * histograms: without one, several instances would share one series and every report would look like a
 * reset), and a timestamp within {@code [now - pastWindow, now + futureWindow]}, {@code now} being read once
 * per call from the injected clock. Duplicate label names cannot
 * be seen here ({@link Labels} holds each name once): decoders report them while building labels.
 *
 * <p>Stateless and thread-safe. Label checks are done once per distinct {@link Labels} instance in a row, so
 * decoders that share one {@code Labels} across a series' samples pay for them once.
 */
public final class SampleValidator {
  private static final int MAX_DETAIL_SERIES_CHARS = 200;

  /**
   * The largest count a histogram, or one of its buckets, may report: 2^53, the largest integer a double holds
   * exactly. It leaves the rollup engine 2^10 such cells of headroom before a {@code long} sum could overflow,
   * and is far above anything an instance counts (a million events a second for 285 years).
   */
  public static final long MAX_COUNT = 1L << 53;

  private final ValidationLimits limits;
  private final Clock clock;

  public SampleValidator(ValidationLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** Returns the valid samples ({@code samples} itself when all pass) and tallies the rest. */
  public List<Sample> validate(Protocol protocol, List<Sample> samples, RejectionTally tally) {
    long now = clock.millis();
    long oldest = now - limits.pastWindow().toMillis();
    long latest = now + limits.futureWindow().toMillis();
    List<Sample> valid = null;
    Labels lastLabels = null;
    String lastLabelsReason = null;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      String reason;
      if (s.labels() != lastLabels) {
        lastLabels = s.labels();
        lastLabelsReason = checkLabels(protocol, s, tally);
      } else if (lastLabelsReason != null) {
        tally.reject(lastLabelsReason, "");
      }
      reason = lastLabelsReason;
      if (reason == null) {
        reason = checkName(s, tally);
      }
      if (reason == null) {
        reason = checkValue(s, tally);
      }
      if (reason == null) {
        reason = checkIdentity(protocol, s, tally);
      }
      if (reason == null) {
        reason = checkTime(s, now, oldest, latest, tally);
      }
      if (reason != null && valid == null) {
        valid = new ArrayList<>(samples.subList(0, i));
      } else if (reason == null && valid != null) {
        valid.add(s);
      }
    }
    return valid == null ? samples : valid;
  }

  private String checkLabels(Protocol protocol, Sample s, RejectionTally tally) {
    Labels labels = s.labels();
    String service = labels.get(WellKnownLabels.SERVICE);
    if (service == null || service.isEmpty()) {
      return reject(tally, Reasons.MISSING_SERVICE, s,
          "has no service: " + serviceHint(protocol));
    }
    if (labels.size() > limits.maxLabelsPerSample()) {
      return reject(tally, Reasons.TOO_MANY_LABELS, s, "has " + labels.size() + " labels, more than "
          + "collector.max-labels-per-sample (" + limits.maxLabelsPerSample() + "); drop high-cardinality or "
          + "redundant labels");
    }
    for (int i = 0; i < labels.size(); i++) {
      String name = labels.name(i);
      if (name.isEmpty()) {
        return reject(tally, Reasons.EMPTY_LABEL_NAME, s, "has a label with an empty name; give every label a name");
      }
      if (!isLabelName(name)) {
        return reject(tally, Reasons.INVALID_LABEL_NAME, s, "has label name '" + clip(name)
            + "', which does not match [a-zA-Z_][a-zA-Z0-9_]*; use letters, digits and underscores");
      }
      if (name.length() > limits.maxLabelNameLength()) {
        return reject(tally, Reasons.LABEL_NAME_TOO_LONG, s, "has a label name of " + name.length()
            + " chars, more than collector.max-label-name-length (" + limits.maxLabelNameLength() + ")");
      }
      if (!isWellFormed(labels.value(i))) {
        return reject(tally, Reasons.INVALID_LABEL_VALUE, s, "has a value for label '" + name + "' with a lone "
            + "UTF-16 surrogate (such as \\ud800 without its pair), which is not text; send valid Unicode");
      }
      if (labels.value(i).length() > limits.maxLabelValueLength()) {
        return reject(tally, Reasons.LABEL_VALUE_TOO_LONG, s, "has a value of " + labels.value(i).length()
            + " chars for label '" + name + "', more than collector.max-label-value-length ("
            + limits.maxLabelValueLength() + ")");
      }
    }
    return null;
  }

  private static String checkName(Sample s, RejectionTally tally) {
    String m = s.metric();
    if (m == null || !isMetricName(m)) {
      return reject(tally, Reasons.INVALID_METRIC_NAME, s,
          "has metric name '" + (m == null ? "" : clip(m)) + "', which does not match [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    return null;
  }

  private static String checkValue(Sample s, RejectionTally tally) {
    if (s.kind() == MetricKind.HISTOGRAM && !s.isHistogramPart()) {
      return checkBuckets(s, tally);
    }
    double v = s.value();
    if (!Double.isFinite(v)) {
      return reject(tally, Reasons.NON_FINITE_VALUE, s, "has value " + v + "; counters and gauges must be finite"
          + " numbers (stop sending the series instead of NaN or Inf)");
    }
    if (s.isHistogramPart() && !s.metric().endsWith("_sum") && (v < 0 || v > MAX_COUNT)) {
      return reject(tally, Reasons.COUNT_OUT_OF_RANGE, s, "is a histogram count of " + v + ", outside [0, 2^53 = "
          + MAX_COUNT + "]; a count starts at 0 and only goes up (restart the histogram)");
    }
    if (s.kind() == MetricKind.COUNTER && s.temporality() == Temporality.DELTA && v < 0) {
      return reject(tally, Reasons.NEGATIVE_DELTA, s, "is a delta counter with negative increase " + v
          + "; counters only go up: send a gauge for values that can go down");
    }
    if (s.kind() == MetricKind.COUNTER && v < 0) {
      return reject(tally, Reasons.NEGATIVE_COUNTER, s, "is a cumulative counter with negative value " + v
          + "; counters start at 0 and only go up (a restart starts again at 0): send a gauge for values that "
          + "can go down");
    }
    return null;
  }

  /** Cumulative input needs an instance: it is what tells one instance's restart from another's report. */
  private static String checkIdentity(Protocol protocol, Sample s, RejectionTally tally) {
    boolean cumulative = s.temporality() == Temporality.CUMULATIVE
        && (s.kind() == MetricKind.COUNTER || s.kind() == MetricKind.HISTOGRAM);
    String instance = s.labels().get(WellKnownLabels.INSTANCE);
    if (!cumulative || (instance != null && !instance.isEmpty())) {
      return null;
    }
    return reject(tally, Reasons.MISSING_INSTANCE, s, "is cumulative but has no instance, so reports of several "
        + "instances could not be told from counter resets: " + instanceHint(protocol));
  }

  private static String instanceHint(Protocol protocol) {
    return switch (protocol) {
      case OTLP -> "set the resource attribute service.instance.id (Micrometer: otlp.resourceAttributes="
          + "service.instance.id=<host or pod>), or send delta temporality";
      case REMOTE_WRITE -> "keep the instance label (Prometheus sets it from the scrape target); aggregated "
          + "series without it belong in a recording rule that keeps instance";
      case JSON -> "set the top-level \"instance\" field or an \"instance\" label, or send delta_counter / "
          + "\"temporality\": \"delta\"";
      default -> "add an instance label";
    };
  }

  private static String checkBuckets(Sample s, RejectionTally tally) {
    Buckets b = s.buckets();
    if (b == null) {
      return reject(tally, Reasons.INVALID_BUCKETS, s, "is a histogram without buckets");
    }
    if (!Double.isFinite(b.sum())) {
      return reject(tally, Reasons.NON_FINITE_VALUE, s, "has histogram sum " + b.sum() + "; it must be finite");
    }
    double[] bounds = b.upperBounds();
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
        return reject(tally, Reasons.INVALID_BUCKETS, s, "has bucket bounds that are not finite and strictly "
            + "increasing at bound " + bounds[i]);
      }
    }
    long total = 0;
    for (long c : b.counts()) {
      if (c < 0 || c > MAX_COUNT) {
        return reject(tally, Reasons.COUNT_OUT_OF_RANGE, s, "has bucket count " + Long.toUnsignedString(c)
            + ", outside [0, 2^53 = " + MAX_COUNT + "]; send per-interval (delta) counts or restart the counter");
      }
      total += c; // no overflow: both terms are at most 2^53
      if (total > MAX_COUNT) {
        return reject(tally, Reasons.COUNT_OUT_OF_RANGE, s, "has bucket counts adding up to more than 2^53 = "
            + MAX_COUNT + "; send per-interval (delta) counts or restart the counter");
      }
    }
    if (b.count() < 0 || b.count() > MAX_COUNT) {
      return reject(tally, Reasons.COUNT_OUT_OF_RANGE, s, "has count " + Long.toUnsignedString(b.count())
          + ", outside [0, 2^53 = " + MAX_COUNT + "]");
    }
    if (total != b.count()) {
      return reject(tally, Reasons.INVALID_BUCKETS, s, "has bucket counts adding up to " + total
          + " but a total count of " + b.count());
    }
    return null;
  }

  private String checkTime(Sample s, long now, long oldest, long latest, RejectionTally tally) {
    long t = s.timestampMs();
    if (t < oldest) {
      return reject(tally, Reasons.TOO_OLD, s, "has timestamp " + Instant.ofEpochMilli(t) + ", older than "
          + "collector.past-window (" + limits.pastWindow() + ") before now (" + Instant.ofEpochMilli(now)
          + "); send samples as they are recorded and check the sender's clock");
    }
    if (t > latest) {
      return reject(tally, Reasons.IN_FUTURE, s, "has timestamp " + Instant.ofEpochMilli(t) + ", later than "
          + "collector.future-window (" + limits.futureWindow() + ") after now (" + Instant.ofEpochMilli(now)
          + "); check the sender's clock and that timestamps are in the right unit");
    }
    return null;
  }

  private static String reject(RejectionTally tally, String reason, Sample s, String problem) {
    // Details are built only for the first sample of a reason: the rest of the batch pays just a count.
    tally.reject(reason, tally.has(reason) ? "" : "sample " + describe(s) + " " + problem);
    return reason;
  }

  private static String serviceHint(Protocol protocol) {
    return switch (protocol) {
      case OTLP -> "set the resource attribute service.name (Micrometer: otlp.resourceAttributes="
          + "service.name=<name>, or management.opentelemetry.resource-attributes.service.name)";
      case REMOTE_WRITE -> "add a job label (Prometheus sets it from the scrape job) or a service label";
      case JSON -> "set the top-level \"service\" field or a \"service\" label";
      default -> "add a service label";
    };
  }

  private static String describe(Sample s) {
    String d = (s.metric() == null ? "" : s.metric()) + s.labels();
    return clip(d);
  }

  private static String clip(String s) {
    return s.length() <= MAX_DETAIL_SERIES_CHARS ? s : s.substring(0, MAX_DETAIL_SERIES_CHARS) + "...";
  }

  /** Whether {@code s} has no unpaired UTF-16 surrogate, so that it encodes to UTF-8 and back unchanged. */
  public static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /** Prometheus label name syntax: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  public static boolean isLabelName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Prometheus metric name syntax: {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  public static boolean isMetricName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
          || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
