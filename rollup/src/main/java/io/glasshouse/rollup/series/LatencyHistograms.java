package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * The one HdrHistogram configuration used for every histogram: values recorded in millionths of their unit
 * (microseconds for latency in seconds) at 2 significant digits, packed (sparse minutes cost a few hundred
 * bytes, see DESIGN.md). The range, 10⁻⁶ to about 2.3 × 10¹² units, covers latency (1 µs to 26 days) and sizes
 * alike (bytes up to 2.3 TB), so histograms in other units than seconds keep their quantiles; the relative
 * precision is the same everywhere. Values above the range are clamped to its top.
 */
public final class LatencyHistograms {
  /** The smallest value recorded, in millionths of the unit. */
  public static final long LOWEST_US = 1;
  /** The largest value recorded, in millionths of the unit: 2^61, about 2.3 × 10¹² units. */
  public static final long HIGHEST_US = 1L << 61;
  public static final int DIGITS = 2;

  private LatencyHistograms() {
  }

  public static Histogram create() {
    return new PackedHistogram(LOWEST_US, HIGHEST_US, DIGITS);
  }

  /** A value in its unit (seconds for latency) to the recorded millionths, clamped into the trackable range. */
  public static long toMicros(double seconds) {
    if (!(seconds > 0)) {
      return LOWEST_US;
    }
    double us = seconds * 1e6;
    return us >= HIGHEST_US ? HIGHEST_US : Math.max(LOWEST_US, Math.round(us));
  }

  /** Recorded millionths back to the value's unit. */
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
