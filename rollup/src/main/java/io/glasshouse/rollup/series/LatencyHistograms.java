package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;
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
}
