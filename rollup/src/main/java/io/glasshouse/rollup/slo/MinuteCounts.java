package io.glasshouse.rollup.slo;

import java.util.Arrays;

/**
 * Good and total events of one SLI over [{@link #startMs()}, {@link #endMs()}), as cells: each cell has a start (a
 * minute boundary) and its events; a minute or span without a cell has no events. Only cells with events are held,
 * so a 60-day range read as hour cells plus 3 days of minutes is a few thousand cells, not 86,400 minutes.
 * Immutable (arrays are copied in and never handed out).
 *
 * <p>From {@link #fineFromMs()} on every cell is one minute. Before it cells may be hours or days (downsampled
 * rollups, where minutes are not needed or have expired), each counted at its first minute, so sums over spans on
 * that cell's boundaries are exact and finer spans are not. From {@link #hourlyFromMs()} on no cell is wider than an
 * hour. {@link #note()} says what could not be counted.
 */
public final class MinuteCounts {
  static final long MINUTE_MS = 60_000;
  private static final long[] NO_STARTS = new long[0];
  private static final double[] NO_VALUES = new double[0];
  private final long startMs;
  private final long endMs;
  private final long[] starts;
  private final double[] good;
  private final double[] total;
  private final long fineFromMs;
  private final long hourlyFromMs;
  private final String note;

  private MinuteCounts(long startMs, long endMs, long[] starts, double[] good, double[] total, long fineFromMs,
      long hourlyFromMs, String note) {
    this.startMs = startMs;
    this.endMs = endMs;
    this.starts = starts;
    this.good = good;
    this.total = total;
    this.fineFromMs = fineFromMs;
    this.hourlyFromMs = hourlyFromMs;
    this.note = note;
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
    return adopt(startMs, good, total);
  }

  /** From per-minute arrays (not kept). */
  static MinuteCounts adopt(long startMs, double[] good, double[] total) {
    Builder b = new Builder(startMs, startMs + good.length * MINUTE_MS);
    for (int i = 0; i < good.length; i++) {
      b.add(startMs + i * MINUTE_MS, good[i], total[i]);
    }
    return b.build(startMs, startMs, null);
  }

  /** No events in [fromMs, toMs). */
  public static MinuteCounts empty(long fromMs, long toMs) {
    long end = fromMs + (toMs - fromMs) / MINUTE_MS * MINUTE_MS;
    return new MinuteCounts(fromMs, end, NO_STARTS, NO_VALUES, NO_VALUES, fromMs, fromMs, null);
  }

  /** Collects cells in ascending order of start; cells without events are left out. */
  static final class Builder {
    private final long startMs;
    private final long endMs;
    private long[] starts = new long[64];
    private double[] good = new double[64];
    private double[] total = new double[64];
    private int n;

    Builder(long startMs, long endMs) {
      this.startMs = startMs;
      this.endMs = endMs;
    }

    /** Adds the cell starting at {@code atMs} (after every cell added so far). */
    Builder add(long atMs, double g, double t) {
      if (g == 0 && t == 0) {
        return this;
      }
      if (n > 0 && atMs <= starts[n - 1]) {
        throw new IllegalArgumentException("cells must be added in ascending order");
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, 2 * n);
        good = Arrays.copyOf(good, 2 * n);
        total = Arrays.copyOf(total, 2 * n);
      }
      starts[n] = atMs;
      good[n] = g;
      total[n] = t;
      n++;
      return this;
    }

    MinuteCounts build(long fineFromMs, long hourlyFromMs, String note) {
      return new MinuteCounts(startMs, endMs, Arrays.copyOf(starts, n), Arrays.copyOf(good, n),
          Arrays.copyOf(total, n), fineFromMs, hourlyFromMs, note);
    }
  }

  /** From here on every cell is one minute; before it, hour and day cells sit at their first minute. */
  public long fineFromMs() {
    return fineFromMs;
  }

  /** From here on no cell is wider than an hour (before it, day cells may sit at their first minute). */
  public long hourlyFromMs() {
    return hourlyFromMs;
  }

  /** What the counts could not cover (data past its retention), for the report's notes; null when complete. */
  public String note() {
    return note;
  }

  public long startMs() {
    return startMs;
  }

  public long endMs() {
    return endMs;
  }

  /** How many cells have events. */
  public int size() {
    return starts.length;
  }

  /** Where cell {@code i} starts. */
  public long startOf(int i) {
    return starts[i];
  }

  /** Good events of cell {@code i}. */
  public double good(int i) {
    return good[i];
  }

  /** Total events of cell {@code i}. */
  public double total(int i) {
    return total[i];
  }

  /** How many cells start before {@code ms}. */
  int cellsBefore(long ms) {
    int i = Arrays.binarySearch(starts, ms);
    return i >= 0 ? i : -i - 1;
  }

  /** Good events of the cell starting at {@code minuteMs}; 0 when none does. */
  public double goodAt(long minuteMs) {
    int i = Arrays.binarySearch(starts, minuteMs);
    return i < 0 ? 0 : good[i];
  }

  /** Total events of the cell starting at {@code minuteMs}; 0 when none does. */
  public double totalAt(long minuteMs) {
    int i = Arrays.binarySearch(starts, minuteMs);
    return i < 0 ? 0 : total[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MinuteCounts m && m.startMs == startMs && m.endMs == endMs && Arrays.equals(m.starts, starts)
        && Arrays.equals(m.good, good) && Arrays.equals(m.total, total);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(startMs) * 31 + Arrays.hashCode(total);
  }

  @Override
  public String toString() {
    return "MinuteCounts[" + startMs + ".." + endMs + ", " + starts.length + " cells]";
  }
}
