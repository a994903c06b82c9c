package io.glasshouse.rollup.series;

import java.time.Duration;

/**
 * How long one stored cell lasts: a UTC minute, a UTC hour or a UTC day. Hour and day cells are the exact merge of
 * the minute cells inside them (counter increases and gauge sums and counts add, min and max combine, {@code last}
 * is the reading with the latest timestamp, histograms merge bucket by bucket), so any question whose windows
 * are whole hours or days has the same answer from them as from the minutes.
 */
public enum Resolution {
  MINUTE(60_000L, "1m"),
  HOUR(3_600_000L, "1h"),
  DAY(86_400_000L, "1d");

  private final long ms;
  private final String label;

  Resolution(long ms, String label) {
    this.ms = ms;
    this.label = label;
  }

  /** The length of one cell in milliseconds. */
  public long ms() {
    return ms;
  }

  /** The length as the read API writes durations: {@code 1m}, {@code 1h}, {@code 1d}. */
  public String label() {
    return label;
  }

  public Duration duration() {
    return Duration.ofMillis(ms);
  }

  /** The start of the cell holding {@code timeMs} (UTC-aligned); {@link Long#MIN_VALUE} stays itself. */
  public long floor(long timeMs) {
    long q = Math.floorDiv(timeMs, ms);
    return q < Long.MIN_VALUE / ms ? Long.MIN_VALUE : q * ms;
  }

  /** The start of the first cell at or after {@code timeMs}; near {@link Long#MAX_VALUE}, that value. */
  public long ceil(long timeMs) {
    if (aligned(timeMs)) {
      return timeMs;
    }
    long f = floor(timeMs);
    return f > Long.MAX_VALUE - ms ? Long.MAX_VALUE : f + ms;
  }

  /** Whether {@code timeMs} is a cell boundary. */
  public boolean aligned(long timeMs) {
    return Math.floorMod(timeMs, ms) == 0;
  }

  /** The coarsest resolution whose cells tile windows of {@code stepMs} on the step grid. */
  public static Resolution coarsestFor(long stepMs) {
    if (stepMs % DAY.ms == 0) {
      return DAY;
    }
    return stepMs % HOUR.ms == 0 ? HOUR : MINUTE;
  }
}
