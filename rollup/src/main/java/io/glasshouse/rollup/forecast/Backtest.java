package io.glasshouse.rollup.forecast;

import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-origin backtest of fitted models over their own history. For every horizon bucket it records, at up to
 * {@link #MAX_ORIGINS} evenly spaced origins, each model's forecast and the observed (raw) target; {@link Blend}
 * then weighs the models per bucket and keeps the blend's signed errors for interval calibration.
 */
final class Backtest {
  static final int MAX_ORIGINS = 250;

  /**
   * What one horizon bucket saw: {@code count} targets and each model's forecast of them; {@code independent} is
   * how many of those forecasts do not overlap (origins at least {@code h} apart), the sample size that matters
   * for calibrating intervals.
   */
  record Bucket(int h, int count, double[] observed, double[][] forecasts, int independent, int[] origins) {
  }

  private Backtest() {
  }

  /**
   * Runs the backtest. {@code target[i]} is the raw value (NaN for a gap, which is skipped); origins run from
   * {@code firstOrigin} to the end. Buckets with no sample are left out of the result.
   */
  static List<Bucket> run(FittedModel[] models, double[] target, int firstOrigin, int[] buckets) {
    int n = target.length;
    int span = n - 1 - firstOrigin;
    int stride = Math.max(1, (span + MAX_ORIGINS - 1) / MAX_ORIGINS);
    int nb = buckets.length;
    int nm = models.length;
    double[][][] fc = new double[nb][nm][];
    double[][] obs = new double[nb][];
    int[][] at = new int[nb][];
    int[] count = new int[nb];
    int[] firstT = new int[nb];
    int[] lastT = new int[nb];
    for (int b = 0; b < nb; b++) {
      int cap = span / stride + 2;
      obs[b] = new double[cap];
      at[b] = new int[cap];
      for (int m = 0; m < nm; m++) {
        fc[b][m] = new double[cap];
      }
    }
    for (int t = firstOrigin; t < n - 1; t += stride) {
      for (int b = 0; b < nb; b++) {
        int h = buckets[b];
        if (t + h >= n) {
          break;
        }
        double y = target[t + h];
        if (!Double.isFinite(y)) {
          continue;
        }
        if (count[b] == 0) {
          firstT[b] = t;
        }
        lastT[b] = t;
        int k = count[b]++;
        obs[b][k] = y;
        at[b][k] = t;
        for (int m = 0; m < nm; m++) {
          fc[b][m][k] = models[m].forecast(t, h);
        }
      }
    }
    List<Bucket> out = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      if (count[b] > 0) {
        int independent = Math.max(1, Math.min(count[b], (lastT[b] - firstT[b]) / buckets[b] + 1));
        out.add(new Bucket(buckets[b], count[b], obs[b], fc[b], independent, at[b]));
      }
    }
    return out;
  }
}
