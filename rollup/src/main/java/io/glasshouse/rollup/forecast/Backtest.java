package io.glasshouse.rollup.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Rolling-origin backtest of fitted models over their own history. For every horizon bucket it records, at up to
 * {@link #MAX_ORIGINS} evenly spaced origins, each model's forecast and the observed (raw) target; then it picks
 * the model or combination with the lowest mean absolute error and keeps that choice's signed errors for
 * interval calibration.
 */
final class Backtest {
  static final int MAX_ORIGINS = 500;

  /** The choice for one horizon bucket. */
  record Choice(int h, Combination combination, double mae, double[] errors) {
  }

  private Backtest() {
  }

  /**
   * Runs the backtest. {@code target[i]} is the raw value (NaN for a gap, which is skipped); origins run from
   * {@code firstOrigin} to the end. Buckets with no sample are left out of the result.
   */
  static List<Choice> run(FittedModel[] models, double[] target, int firstOrigin, int[] buckets) {
    int n = target.length;
    int span = n - 1 - firstOrigin;
    int stride = Math.max(1, (span + MAX_ORIGINS - 1) / MAX_ORIGINS);
    int nb = buckets.length;
    int nm = models.length;
    double[][][] fc = new double[nb][nm][];
    double[][] obs = new double[nb][];
    int[] count = new int[nb];
    for (int b = 0; b < nb; b++) {
      int cap = span / stride + 2;
      obs[b] = new double[cap];
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
        int k = count[b]++;
        obs[b][k] = y;
        for (int m = 0; m < nm; m++) {
          fc[b][m][k] = models[m].forecast(t, h);
        }
      }
    }
    List<Choice> out = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      if (count[b] == 0) {
        continue;
      }
      out.add(choose(buckets[b], fc[b], obs[b], count[b]));
    }
    return out;
  }

  private static Choice choose(int h, double[][] fc, double[] obs, int count) {
    int nm = fc.length;
    double[] mae = new double[nm];
    Integer[] order = new Integer[nm];
    for (int m = 0; m < nm; m++) {
      order[m] = m;
      double s = 0;
      for (int k = 0; k < count; k++) {
        s += Math.abs(obs[k] - fc[m][k]);
      }
      mae[m] = Double.isFinite(s) ? s / count : Double.POSITIVE_INFINITY;
    }
    Arrays.sort(order, Comparator.comparingDouble(m -> mae[m]));
    List<Combination> candidates = new ArrayList<>();
    candidates.add(new Combination(new int[] {order[0]}, false));
    int finite = 0;
    for (int m = 0; m < nm; m++) {
      if (Double.isFinite(mae[m])) {
        finite++;
      }
    }
    if (finite >= 2) {
      candidates.add(new Combination(new int[] {order[0], order[1]}, false));
    }
    if (finite >= 3) {
      candidates.add(new Combination(new int[] {order[0], order[1], order[2]}, false));
      candidates.add(new Combination(new int[] {order[0], order[1], order[2]}, true));
    }
    if (finite >= 5) {
      int[] top5 = {order[0], order[1], order[2], order[3], order[4]};
      candidates.add(new Combination(top5, true));
    }
    Choice best = null;
    for (Combination c : candidates) {
      int[] members = c.members();
      double[] v = new double[members.length];
      double[] errors = new double[count];
      double s = 0;
      for (int k = 0; k < count; k++) {
        for (int i = 0; i < members.length; i++) {
          v[i] = fc[members[i]][k];
        }
        errors[k] = obs[k] - c.combine(v);
        s += Math.abs(errors[k]);
      }
      double cmae = s / count;
      // a combination must beat the best single model clearly to be worth its variance
      if (best == null || cmae < best.mae() * 0.995) {
        best = new Choice(h, c, cmae, errors);
      }
    }
    return best;
  }
}
