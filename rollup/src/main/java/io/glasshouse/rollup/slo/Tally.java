package io.glasshouse.rollup.slo;

import java.util.Arrays;

/**
 * Good and total units (events, or slices with events) over any [a, b), from prefix sums over the units that have
 * any: occurrences sum the counts' cells (a unit is counted when it starts at or after a and its first minute ends
 * by b, so an hour or day cell counts where its first minute lies, as {@link MinuteCounts} says); timeslices count
 * the complete slices lying inside [a, b) on a grid anchored at {@code anchorMs}. O(log n) per sum over n units with
 * events; sums of whole counts are exact up to 2^53.
 */
final class Tally {
  private final long stepMs;
  private final long[] starts;
  private final double[] goodPrefix;
  private final double[] totalPrefix;
  private final boolean slices;

  private Tally(long stepMs, long[] starts, double[] goodPrefix, double[] totalPrefix, boolean slices) {
    this.stepMs = stepMs;
    this.starts = starts;
    this.goodPrefix = goodPrefix;
    this.totalPrefix = totalPrefix;
    this.slices = slices;
  }

  static Tally occurrences(MinuteCounts c) {
    int n = c.size();
    long[] s = new long[n];
    double[] g = new double[n + 1];
    double[] t = new double[n + 1];
    for (int i = 0; i < n; i++) {
      s[i] = c.startOf(i);
      g[i + 1] = g[i] + c.good(i);
      t[i + 1] = t[i] + c.total(i);
    }
    return new Tally(MinuteCounts.MINUTE_MS, s, g, t, false);
  }

  /** Slices of {@code sliceMs} on the grid {@code anchorMs + k × sliceMs} lying wholly inside the counts. */
  static Tally timeslices(MinuteCounts c, long anchorMs, long sliceMs, double sliceTarget) {
    long first = anchorMs + Math.floorDiv(c.startMs() - anchorMs + sliceMs - 1, sliceMs) * sliceMs;
    long whole = Math.max(0, (c.endMs() - first) / sliceMs);
    int cells = c.size();
    long[] s = new long[cells];
    double[] g = new double[cells + 1];
    double[] t = new double[cells + 1];
    int n = 0;
    int i = c.cellsBefore(first);
    while (i < cells) {
      long k = (c.startOf(i) - first) / sliceMs;
      if (k >= whole) {
        break;
      }
      long sliceStart = first + k * sliceMs;
      double good = 0;
      double total = 0;
      for (; i < cells && c.startOf(i) < sliceStart + sliceMs; i++) {
        good += c.good(i);
        total += c.total(i);
      }
      if (total > 0) {
        s[n] = sliceStart;
        g[n + 1] = g[n] + (good / total >= sliceTarget ? 1 : 0);
        t[n + 1] = t[n] + 1;
        n++;
      }
    }
    return new Tally(sliceMs, Arrays.copyOf(s, n), Arrays.copyOf(g, n + 1), Arrays.copyOf(t, n + 1), true);
  }

  /** Good units in [a, b). */
  double good(long a, long b) {
    int f = from(a);
    return goodPrefix[Math.max(f, to(b))] - goodPrefix[f];
  }

  /** Total units in [a, b). */
  double total(long a, long b) {
    int f = from(a);
    return totalPrefix[Math.max(f, to(b))] - totalPrefix[f];
  }

  boolean slices() {
    return slices;
  }

  long stepMs() {
    return stepMs;
  }

  /** How many units hold events. */
  int units() {
    return starts.length;
  }

  /** Where unit {@code i} starts. */
  long startOf(int i) {
    return starts[i];
  }

  /** Good units among the first {@code i}. */
  double goodBefore(int i) {
    return goodPrefix[i];
  }

  /** Total units among the first {@code i}. */
  double totalBefore(int i) {
    return totalPrefix[i];
  }

  /** Index of the first unit starting at or after {@code a}. */
  int from(long a) {
    return before(a);
  }

  /** Index after the last unit ending at or before {@code b}. */
  int to(long b) {
    return before(b - stepMs + 1);
  }

  private int before(long ms) {
    int i = Arrays.binarySearch(starts, ms);
    return i >= 0 ? i : -i - 1;
  }
}
