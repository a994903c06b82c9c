package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;
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
}
