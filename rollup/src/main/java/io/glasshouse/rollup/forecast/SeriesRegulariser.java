package io.glasshouse.rollup.forecast;

import java.util.Arrays;

/**
 * Puts irregular {@code (timestamp, value)} points on a regular step.
 *
 * <p>Contract: points may come in any order; non-finite values are ignored. The step is the median of the
 * positive differences between consecutive distinct timestamps (unless given). The grid starts at the earliest
 * timestamp; each point goes to the nearest grid index; points landing on the same index (duplicate timestamps
 * or jitter) are averaged; indices with no point are NaN gaps.
 */
public final class SeriesRegulariser {
  private SeriesRegulariser() {
  }

  /** Regularises with a detected step; needs at least one point. */
  public static Series regularise(long[] timesMs, double[] values) {
    return regularise(timesMs, values, detectStep(timesMs));
  }

  /** Regularises onto the given step (ms, positive). */
  public static Series regularise(long[] timesMs, double[] values, long stepMs) {
    if (timesMs.length != values.length) {
      throw new IllegalArgumentException("times and values differ in length: " + timesMs.length + " vs " + values.length);
    }
    if (timesMs.length == 0) {
      throw new IllegalArgumentException("no points to regularise");
    }
    if (stepMs <= 0) {
      throw new IllegalArgumentException("stepMs must be positive, was " + stepMs);
    }
    long t0 = Long.MAX_VALUE;
    long t1 = Long.MIN_VALUE;
    for (long t : timesMs) {
      t0 = Math.min(t0, t);
      t1 = Math.max(t1, t);
    }
    long span = (t1 - t0) / stepMs;
    if (span > 50_000_000L) {
      throw new IllegalArgumentException("step " + stepMs + " ms gives more than 50M points over the span");
    }
    int n = (int) Math.round((t1 - t0) / (double) stepMs) + 1;
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int i = 0; i < timesMs.length; i++) {
      if (!Double.isFinite(values[i])) {
        continue;
      }
      int idx = (int) Math.round((timesMs[i] - t0) / (double) stepMs);
      sum[idx] += values[i];
      count[idx]++;
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }
    return new Series(t0, stepMs, out);
  }

  /** The median positive gap between sorted distinct timestamps; 60 s when there are fewer than two. */
  public static long detectStep(long[] timesMs) {
    long[] sorted = timesMs.clone();
    Arrays.sort(sorted);
    long[] diffs = new long[Math.max(0, sorted.length - 1)];
    int k = 0;
    for (int i = 1; i < sorted.length; i++) {
      long d = sorted[i] - sorted[i - 1];
      if (d > 0) {
        diffs[k++] = d;
      }
    }
    if (k == 0) {
      return 60_000L;
    }
    Arrays.sort(diffs, 0, k);
    return diffs[k / 2];
  }
}
