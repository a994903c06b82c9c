package io.glasshouse.rollup.slo;

/**
 * Good and total units (events, or slices with events) over any [a, b), in O(1) from prefix sums: occurrences sum
 * minutes; timeslices count the complete slices lying inside [a, b) on a grid anchored at {@code anchorMs}. Sums of
 * whole counts are exact up to 2^53.
 */
final class Tally {
  private final long stepMs;
  private final long firstSliceStartMs;
  private final double[] goodPrefix;
  private final double[] totalPrefix;
  private final boolean slices;

  private Tally(long firstStartMs, long stepMs, double[] goodPrefix, double[] totalPrefix, boolean slices) {
    this.stepMs = stepMs;
    this.firstSliceStartMs = firstStartMs;
    this.goodPrefix = goodPrefix;
    this.totalPrefix = totalPrefix;
    this.slices = slices;
  }

  static Tally occurrences(MinuteCounts c) {
    int n = c.size();
    double[] g = new double[n + 1];
    double[] t = new double[n + 1];
    for (int i = 0; i < n; i++) {
      g[i + 1] = g[i] + c.good(i);
      t[i + 1] = t[i] + c.total(i);
    }
    return new Tally(c.startMs(), MinuteCounts.MINUTE_MS, g, t, false);
  }

  /** Slices of {@code sliceMs} on the grid {@code anchorMs + k × sliceMs} lying wholly inside the counts. */
  static Tally timeslices(MinuteCounts c, long anchorMs, long sliceMs, double sliceTarget) {
    long first = anchorMs + Math.floorDiv(c.startMs() - anchorMs + sliceMs - 1, sliceMs) * sliceMs;
    int n = (int) Math.max(0, (c.endMs() - first) / sliceMs);
    int perSlice = (int) (sliceMs / MinuteCounts.MINUTE_MS);
    int offset = (int) ((first - c.startMs()) / MinuteCounts.MINUTE_MS);
    double[] g = new double[n + 1];
    double[] t = new double[n + 1];
    for (int k = 0; k < n; k++) {
      double good = 0;
      double total = 0;
      for (int m = 0; m < perSlice; m++) {
        good += c.good(offset + k * perSlice + m);
        total += c.total(offset + k * perSlice + m);
      }
      boolean counted = total > 0;
      boolean isGood = counted && good / total >= sliceTarget;
      g[k + 1] = g[k] + (isGood ? 1 : 0);
      t[k + 1] = t[k] + (counted ? 1 : 0);
    }
    return new Tally(first, sliceMs, g, t, true);
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

  /** Index of the first unit starting at or after {@code a}. */
  private int from(long a) {
    long k = Math.floorDiv(a - firstSliceStartMs + stepMs - 1, stepMs);
    return (int) Math.max(0, Math.min(goodPrefix.length - 1, k));
  }

  /** Index after the last unit ending at or before {@code b}. */
  private int to(long b) {
    long k = Math.floorDiv(b - firstSliceStartMs, stepMs);
    return (int) Math.max(0, Math.min(goodPrefix.length - 1, k));
  }
}
