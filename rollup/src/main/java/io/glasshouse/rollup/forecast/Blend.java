package io.glasshouse.rollup.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Weighs the candidate models per horizon bucket from their backtest errors, continuously: a model's score is its
 * mean absolute error relative to the best model's, averaged over the bucket and its neighbours; the best gets
 * weight 1 and a model {@link #SPREAD} (relative) behind or more gets 0, with a smooth fall in between. Because the
 * weights move continuously with the errors (no arg-min that flips between near-equal models) a forecast refreshed
 * on the same data, or on one more point of the same pattern, chooses the same blend and nearly the same path; and
 * because every bucket is smoothed with its neighbours, no single noisy bucket can hand a stretch of the path to a
 * different model.
 */
final class Blend {
  /** How far behind the best (relative mean absolute error) a model may be and still get weight. */
  static final double SPREAD = 0.5;

  /**
   * The blend for one horizon bucket: weights per model (summing to 1), the mean absolute value of its calibration
   * errors, the signed calibration errors, how many of those errors are independent (non-overlapping forecasts), and
   * each error's recency weight (1 for the newest origin, halving every {@link #HALF_LIFE_SPANS} of the backtest's
   * span further back). The calibration errors are cross-fitted: the errors of the first half of the origins are
   * those of the blend weighed on the second half, and the other way round, so no error was made by weights chosen
   * on that same error (the in-sample blend error is optimistic, more so the more candidates there are).
   */
  record Choice(int h, double[] weights, double mae, double[] errors, int independent, double[] recency) {
    /** A choice whose errors all weigh the same. */
    Choice(int h, double[] weights, double mae, double[] errors, int independent) {
      this(h, weights, mae, errors, independent, ones(errors.length));
    }
  }

  /**
   * Recency weights of the calibration errors halve every this fraction of the backtest's span (weighted conformal
   * prediction for series that are not exchangeable, after Barber, Candès, Ramdas and Tibshirani 2023: the newest
   * errors say most about the next ones, so a series that got rougher gets wider bands). Chosen on the tuning half.
   */
  static final double HALF_LIFE_SPANS = 0.25;

  private Blend() {
  }

  private static double[] ones(int n) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, 1);
    return w;
  }

  static List<Choice> choose(List<Backtest.Bucket> buckets, int models) {
    int nb = buckets.size();
    double[][] all = weights(buckets, models, 0);
    double[][] first = weights(buckets, models, 1);
    double[][] second = weights(buckets, models, 2);
    int lastOrigin = 0;
    int firstOrigin = Integer.MAX_VALUE;
    for (Backtest.Bucket bk : buckets) {
      if (bk.count() > 0) {
        firstOrigin = Math.min(firstOrigin, bk.origins()[0]);
        lastOrigin = Math.max(lastOrigin, bk.origins()[bk.count() - 1]);
      }
    }
    double halfLife = HALF_LIFE_SPANS * Math.max(1, lastOrigin - firstOrigin);
    List<Choice> out = new ArrayList<>();
    for (int b = 0; b < nb; b++) {
      Backtest.Bucket bk = buckets.get(b);
      int half = bk.count() / 2;
      double[] errors = new double[bk.count()];
      double[] recency = new double[bk.count()];
      double s = 0;
      for (int k = 0; k < bk.count(); k++) {
        // errors of the first half come from the weights fitted on the second, and the other way round
        double[] w = half == 0 ? all[b] : k < half ? second[b] : first[b];
        double f = 0;
        for (int m = 0; m < models; m++) {
          if (w[m] > 0) {
            f += w[m] * bk.forecasts()[m][k];
          }
        }
        errors[k] = bk.observed()[k] - f;
        s += Math.abs(errors[k]);
        recency[k] = Math.pow(0.5, (lastOrigin - bk.origins()[k]) / halfLife);
      }
      out.add(new Choice(bk.h(), all[b], s / bk.count(), errors, bk.independent(), recency));
    }
    return out;
  }

  /**
   * Per bucket, the weights from the backtest samples of {@code part}: 0 all, 1 the first half of each bucket's
   * origins, 2 the second half.
   */
  private static double[][] weights(List<Backtest.Bucket> buckets, int models, int part) {
    int nb = buckets.size();
    double[][] rel = new double[nb][models];
    for (int b = 0; b < nb; b++) {
      Backtest.Bucket bk = buckets.get(b);
      int half = bk.count() / 2;
      int from = part == 2 && half > 0 ? half : 0;
      int to = part == 1 && half > 0 ? half : bk.count();
      double[] mae = new double[models];
      double best = Double.POSITIVE_INFINITY;
      for (int m = 0; m < models; m++) {
        double s = 0;
        for (int k = from; k < to; k++) {
          s += Math.abs(bk.observed()[k] - bk.forecasts()[m][k]);
        }
        mae[m] = Double.isFinite(s) ? s / (to - from) : Double.POSITIVE_INFINITY;
        best = Math.min(best, mae[m]);
      }
      for (int m = 0; m < models; m++) {
        if (best == 0) {
          rel[b][m] = mae[m] == 0 ? 1 : Double.POSITIVE_INFINITY;
        } else {
          rel[b][m] = mae[m] / best;
        }
      }
    }
    double[][] out = new double[nb][];
    for (int b = 0; b < nb; b++) {
      double[] score = new double[models];
      double best = Double.POSITIVE_INFINITY;
      for (int m = 0; m < models; m++) {
        double s = 0;
        int c = 0;
        for (int o = Math.max(0, b - 1); o <= Math.min(nb - 1, b + 1); o++) {
          s += rel[o][m];
          c++;
        }
        score[m] = s / c;
        best = Math.min(best, score[m]);
      }
      double[] w = new double[models];
      double total = 0;
      for (int m = 0; m < models; m++) {
        double x = Math.max(0, 1 - (score[m] - best) / SPREAD);
        w[m] = Double.isFinite(x) ? x * x : 0;
        total += w[m];
      }
      for (int m = 0; m < models; m++) {
        w[m] /= total;
      }
      out[b] = w;
    }
    return out;
  }

  /** The weighted forecast of the models at {@code origin}, {@code h} steps ahead. */
  static double forecast(FittedModel[] models, double[] weights, int origin, int h) {
    double f = 0;
    for (int m = 0; m < models.length; m++) {
      if (weights[m] > 0) {
        f += weights[m] * models[m].forecast(origin, h);
      }
    }
    return f;
  }

  /** A readable name: the single model, or {@code blend(a 62%, b 38%)} by falling weight. */
  static String name(FittedModel[] models, double[] weights) {
    List<Integer> order = new ArrayList<>();
    for (int m = 0; m < models.length; m++) {
      if (weights[m] >= 0.005) {
        order.add(m);
      }
    }
    order.sort((a, b) -> Double.compare(weights[b], weights[a]));
    if (order.size() == 1) {
      return models[order.get(0)].name();
    }
    StringJoiner j = new StringJoiner(", ", "blend(", ")");
    for (int m : order) {
      j.add(models[m].name() + " " + String.format(Locale.ROOT, "%.0f%%", 100 * weights[m]));
    }
    return j.toString();
  }
}
