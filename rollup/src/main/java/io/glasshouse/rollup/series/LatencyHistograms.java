package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The one HdrHistogram configuration used for latency everywhere: values in microseconds from 1 µs to 1 hour
 * at 2 significant digits, packed (sparse minutes cost a few hundred bytes, see DESIGN.md). Values above an
 * hour are clamped to an hour.
 */
public final class LatencyHistograms {
  public static final long LOWEST_US = 1;
  public static final long HIGHEST_US = 3_600_000_000L;
  public static final int DIGITS = 2;

  private LatencyHistograms() {
  }

  public static Histogram create() {
    return new PackedHistogram(LOWEST_US, HIGHEST_US, DIGITS);
  }

  /** Seconds to the recorded unit, clamped into the trackable range. */
  public static long toMicros(double seconds) {
    if (!(seconds > 0)) {
      return LOWEST_US;
    }
    double us = seconds * 1e6;
    return us >= HIGHEST_US ? HIGHEST_US : Math.max(LOWEST_US, Math.round(us));
  }

  public static double toSeconds(long micros) {
    return micros / 1e6;
  }

  /**
   * The value at quantile {@code q} (0..1) in microseconds, interpolated linearly like Prometheus's
   * {@code histogram_quantile}: the rank {@code q × total} falls into the count of some recorded value {@code v};
   * the result lies between the next lower recorded value {@code u} and {@code v}, in proportion to how far the
   * rank is into {@code v}'s count. Below the lowest recorded value it interpolates inside that value's own
   * HdrHistogram bucket. NaN for an empty histogram.
   *
   * <p>Why this matches bucketed input: the engine records a bucket {@code (lower, upper]} with {@code c}
   * observations as {@code min(c, n)} evenly spaced points ending at {@code upper}; when the bucket below holds
   * observations, its last point is at {@code lower}, so interpolating between consecutive points is exactly
   * Prometheus's linear interpolation inside {@code (lower, upper]}, up to the histogram's precision (values are
   * kept to 2 significant digits: under 0.8% relative). When the buckets just below are empty, the result
   * interpolates from the nearest lower bucket with observations instead of from {@code lower}.
   */
  public static double quantileMicros(Histogram h, double q) {
    long total = h.getTotalCount();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = Math.max(0, Math.min(1, q)) * total;
    double previous = Double.NaN;
    long below = 0;
    for (HistogramIterationValue v : h.recordedValues()) {
      long c = v.getCountAtValueIteratedTo();
      double value = v.getValueIteratedTo();
      if (Double.isNaN(previous)) {
        previous = h.lowestEquivalentValue(v.getValueIteratedTo()) - 1;
      }
      if (below + c >= rank) {
        double into = Math.max(0, rank - below) / c;
        return previous + (value - previous) * into;
      }
      below += c;
      previous = value;
    }
    return previous;
  }
}
