package io.glasshouse.rollup.slo;

import java.util.Arrays;

/**
 * Good and total events of one SLI per UTC minute over [{@link #startMs()}, {@link #endMs()}): minute {@code i}
 * starts at {@code startMs + i × 60 000}. A minute without events has total 0. Immutable (arrays are copied in
 * and never handed out).
 *
 * <p>Before {@link #fineFromMs()} the counts may come from hour or day cells (downsampled rollups, where minutes
 * are not needed or have expired): such a cell's events are all counted at its first minute, so sums over spans
 * on that cell's boundaries are exact and finer spans are not. {@link #note()} says what could not be counted.
 */
public final class MinuteCounts {
  static final long MINUTE_MS = 60_000;
  private final long startMs;
  private final double[] good;
  private final double[] total;
  private final long fineFromMs;
  private final String note;

  private MinuteCounts(long startMs, double[] good, double[] total) {
    this(startMs, good, total, startMs, null);
  }

  private MinuteCounts(long startMs, double[] good, double[] total, long fineFromMs, String note) {
    this.startMs = startMs;
    this.good = good;
    this.total = total;
    this.fineFromMs = fineFromMs;
    this.note = note;
  }

  /** Takes the arrays without copying, with the start of the per-minute part and a coverage note (may be null). */
  static MinuteCounts adopt(long startMs, double[] good, double[] total, long fineFromMs, String note) {
    return new MinuteCounts(startMs, good, total, fineFromMs, note);
  }

  /** From here on every minute holds its own events; before it, hour and day cells sit at their first minute. */
  public long fineFromMs() {
    return fineFromMs;
  }

  /** What the counts could not cover (data past its retention), for the report's notes; null when complete. */
  public String note() {
    return note;
  }

  /**
   * Counts starting at {@code startMs} (a minute boundary); {@code good} and {@code total} have one entry per
   * minute, good at most total.
   */
  public static MinuteCounts of(long startMs, double[] good, double[] total) {
    if (startMs % MINUTE_MS != 0) {
      throw new IllegalArgumentException("startMs must be a minute boundary, got " + startMs);
    }
    if (good.length != total.length) {
      throw new IllegalArgumentException("good and total must have one entry per minute each");
    }
    return new MinuteCounts(startMs, good.clone(), total.clone());
  }

  /** Takes the arrays without copying: for builders in this package that never touch them again. */
  static MinuteCounts adopt(long startMs, double[] good, double[] total) {
    return new MinuteCounts(startMs, good, total);
  }

  /** No events in [fromMs, toMs). */
  public static MinuteCounts empty(long fromMs, long toMs) {
    int n = (int) ((toMs - fromMs) / MINUTE_MS);
    return new MinuteCounts(fromMs, new double[n], new double[n]);
  }

  public long startMs() {
    return startMs;
  }

  public long endMs() {
    return startMs + good.length * MINUTE_MS;
  }

  public int size() {
    return good.length;
  }

  public double good(int minute) {
    return good[minute];
  }

  public double total(int minute) {
    return total[minute];
  }

  /** Good events of the minute starting at {@code minuteMs}; 0 outside the range. */
  public double goodAt(long minuteMs) {
    int i = index(minuteMs);
    return i < 0 ? 0 : good[i];
  }

  /** Total events of the minute starting at {@code minuteMs}; 0 outside the range. */
  public double totalAt(long minuteMs) {
    int i = index(minuteMs);
    return i < 0 ? 0 : total[i];
  }

  private int index(long minuteMs) {
    if (minuteMs < startMs || minuteMs >= endMs()) {
      return -1;
    }
    return (int) ((minuteMs - startMs) / MINUTE_MS);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinuteCounts m && m.startMs == startMs && Arrays.equals(m.good, good)
        && Arrays.equals(m.total, total);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(startMs) * 31 + Arrays.hashCode(total);
  }

  @Override
  public String toString() {
    return "MinuteCounts[" + startMs + ", " + good.length + " minutes]";
  }
}
