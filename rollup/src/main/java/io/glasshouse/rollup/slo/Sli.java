package io.glasshouse.rollup.slo;

import java.util.Objects;

/**
 * What an SLO measures: per minute, a number of good events out of a number of events. All three kinds are read
 * from the service's minute rollups as counts, so every figure is a ratio of sums, never an average of ratios.
 */
public sealed interface Sli permits Sli.Ratio, Sli.Latency, Sli.Gauge {

  /** The metrics this SLI reads (for error messages and listing). */
  String describe();

  /**
   * Good (or bad) events out of total events, from counters: per minute, {@code good} is the summed increase of
   * the series {@code good} selects, or {@code total − bad} when {@code bad} is given. Exactly one of {@code good}
   * and {@code bad} is set. A minute whose good exceeds its total (inconsistent series) counts as all good; a
   * minute whose bad exceeds its total counts as all bad.
   */
  record Ratio(MetricSelector good, MetricSelector bad, MetricSelector total) implements Sli {
    public Ratio {
      Objects.requireNonNull(total, "total");
      if ((good == null) == (bad == null)) {
        throw new IllegalArgumentException("exactly one of good and bad must be given");
      }
    }

    @Override
    public String describe() {
      return (good != null ? "good " + good : "bad " + bad) + " of total " + total;
    }
  }

  /**
   * Latency: of the observations of a histogram metric (the selected series merged), those at or below
   * {@code threshold} (in the metric's unit, seconds for latency) are good. Counted from the minute HdrHistograms:
   * values within the threshold's histogram bucket (under 1% wide) count as at or below it, see
   * {@code query.HistogramWindow}.
   */
  record Latency(MetricSelector histogram, double threshold) implements Sli {
    public Latency {
      Objects.requireNonNull(histogram, "histogram");
      if (!(threshold > 0) || Double.isInfinite(threshold)) {
        throw new IllegalArgumentException("threshold must be a positive number, got " + threshold);
      }
    }

    @Override
    public String describe() {
      return histogram + " <= " + threshold;
    }
  }

  /**
   * A boolean gauge such as a health probe: each minute with readings counts as one event, good when every reading
   * in that minute (across the selected series) was at least 1, i.e. the minute's minimum is ≥ 1. Minutes without
   * readings are no events (the SLI is undefined over a span without readings).
   */
  record Gauge(MetricSelector gauge) implements Sli {
    public Gauge {
      Objects.requireNonNull(gauge, "gauge");
    }

    @Override
    public String describe() {
      return "minutes with " + gauge + " = 1";
    }
  }
}
