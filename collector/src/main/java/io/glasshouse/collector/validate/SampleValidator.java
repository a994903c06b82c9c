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
 * are within the length limits, a finite value (counters and gauges; delta counters also not negative) or
 * well-formed finite {@link Buckets} (histograms), and a timestamp within {@code [now - pastWindow, now +
 * futureWindow]}, {@code now} being read once per call from the injected clock. Duplicate label names cannot
 * be seen here ({@link Labels} holds each name once): decoders report them while building labels.
 *
 * <p>Stateless and thread-safe. Label checks are done once per distinct {@link Labels} instance in a row, so
 * decoders that share one {@code Labels} across a series' samples pay for them once.
 */
public final class SampleValidator {
  private static final int MAX_DETAIL_SERIES_CHARS = 200;

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
    if (s.kind() == MetricKind.COUNTER && s.temporality() == Temporality.DELTA && v < 0) {
      return reject(tally, Reasons.NEGATIVE_DELTA, s, "is a delta counter with negative increase " + v
          + "; counters only go up: send a gauge for values that can go down");
    }
    return null;
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
      if (c < 0) {
        return reject(tally, Reasons.INVALID_BUCKETS, s, "has a negative bucket count " + c);
      }
      total += c;
    }
    if (total != b.count() || b.count() < 0) {
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
