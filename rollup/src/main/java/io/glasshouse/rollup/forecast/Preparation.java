package io.glasshouse.rollup.forecast;

import java.util.Arrays;

/**
 * Makes a history fit to fit: gaps imputed (linear for short gaps, the previous season for long ones), isolated
 * outliers winsorised against a running median (Hampel-style, with a global robust scale). Level shifts are left
 * to the adaptive models and the backtest. The raw values stay available for scoring backtests.
 */
final class Preparation {
  static final double CLIP_SIGMAS = 5.0;

  final double[] raw;
  final boolean[] observed;
  final double[] clean;
  final int imputed;
  final int clipped;

  private Preparation(double[] raw, boolean[] observed, double[] clean, int imputed, int clipped) {
    this.raw = raw;
    this.observed = observed;
    this.clean = clean;
    this.imputed = imputed;
    this.clipped = clipped;
  }

  /** {@code raw} must start and end with a finite value. {@code period} is the main season, or 0 if none. */
  static Preparation of(double[] raw, int period) {
    int n = raw.length;
    boolean[] observed = new boolean[n];
    double[] y = raw.clone();
    int imputed = 0;
    for (int i = 0; i < n; i++) {
      observed[i] = Double.isFinite(raw[i]);
    }
    int i = 0;
    while (i < n) {
      if (observed[i]) {
        i++;
        continue;
      }
      int j = i;
      while (!observed[j]) {
        j++;
      }
      int gap = j - i;
      imputed += gap;
      for (int k = i; k < j; k++) {
        double linear = y[i - 1] + (y[j] - y[i - 1]) * (k - i + 1) / (gap + 1.0);
        if (gap > 3 && period > 0 && k - period >= 0) {
          // keep the seasonal shape, shifted so both ends of the gap meet the data
          double shapeStart = y[i - 1] - (i - 1 - period >= 0 ? y[i - 1 - period] : y[i - 1]);
          double shapeEnd = y[j] - (j - period >= 0 && j - period < i ? y[j - period] : y[j]);
          double w = (k - i + 1) / (gap + 1.0);
          y[k] = y[k - period] + (1 - w) * shapeStart + w * shapeEnd;
        } else {
          y[k] = linear;
        }
      }
      i = j;
    }
    int clipped = winsorise(y, observed, period);
    return new Preparation(raw, observed, y, imputed, clipped);
  }

  /** Fills interior NaN gaps of {@code y} in place by linear interpolation; returns how many were filled. */
  static int impute(double[] y) {
    int filled = 0;
    int prev = -1;
    for (int i = 0; i < y.length; i++) {
      if (Double.isFinite(y[i])) {
        if (prev >= 0 && i - prev > 1) {
          for (int k = prev + 1; k < i; k++) {
            y[k] = y[prev] + (y[i] - y[prev]) * (k - prev) / (double) (i - prev);
            filled++;
          }
        }
        prev = i;
      }
    }
    return filled;
  }


  /**
   * Clips points far from the median of their 7 neighbours, unless the point repeats its value one season earlier
   * or later (with a {@code period} > 0): a sharp feature that comes back every day is the pattern, not an outlier,
   * and clipping it would hide from every model the very season that makes seasonal naive hard to beat. Returns how
   * many points were clipped.
   */
  static int winsorise(double[] y, boolean[] observed, int period) {
    int n = y.length;
    if (n < 8) {
      return 0;
    }
    double[] med = new double[n];
    double[] resid = new double[n];
    double[] buf = new double[7];
    for (int i = 0; i < n; i++) {
      int from = Math.max(0, Math.min(i - 3, n - 7));
      System.arraycopy(y, from, buf, 0, 7);
      Arrays.sort(buf);
      med[i] = buf[3];
      resid[i] = Math.abs(y[i] - med[i]);
    }
    double[] sorted = resid.clone();
    Arrays.sort(sorted);
    double scale = 1.4826 * sorted[n / 2];
    if (!(scale > 0)) {
      return 0;
    }
    double limit = CLIP_SIGMAS * scale;
    int clipped = 0;
    double[] original = period > 0 ? y.clone() : y;
    for (int i = 0; i < n; i++) {
      if (observed[i] && resid[i] > limit && !repeats(original, observed, i, period, limit)) {
        y[i] = med[i] + Math.copySign(limit, y[i] - med[i]);
        clipped++;
      }
    }
    return clipped;
  }

  /** Whether {@code y[i]} is within {@code limit} of an observed value one period before or after it. */
  private static boolean repeats(double[] y, boolean[] observed, int i, int period, double limit) {
    if (period <= 0) {
      return false;
    }
    for (int j : new int[] {i - period, i + period}) {
      if (j >= 0 && j < y.length && observed[j] && Math.abs(y[i] - y[j]) <= limit) {
        return true;
      }
    }
    return false;
  }
}
