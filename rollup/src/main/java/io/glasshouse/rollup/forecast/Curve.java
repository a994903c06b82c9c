package io.glasshouse.rollup.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * The chosen forecast as a function of steps ahead from the origin. The point is the {@link Blend} of the models,
 * with weights interpolated in log-horizon between the backtested buckets (so the path never jumps from one model
 * to another). The bands are horizon-specific split-conformal intervals: at each bucket, quantiles of the blend's
 * cross-fitted backtest errors (pooled with the neighbouring buckets after dividing each by its bucket's mean
 * absolute error, each error weighted by its recency, with the split-conformal small-sample correction), times that
 * error scale; both are interpolated in log-horizon, and past the longest backtested horizon the scale
 * grows with the square root of the horizon. Immutable.
 */
final class Curve {
  /** Quantile levels of the standardised errors: lower 95, lower 80, upper 80, upper 95. */
  static final double[] LEVELS = {0.025, 0.10, 0.90, 0.975};
  /** Used when no backtest was possible: Gaussian quantiles for an error scale measured as a mean absolute error. */
  static final double[] DEFAULT_Z = {-2.46, -1.61, 1.61, 2.46};
  /** Fewest pooled errors for a bucket's own quantiles; fewer and the quantiles pooled over all buckets are used. */
  static final int MIN_ERRORS = 40;

  /**
   * Bands are widened by this factor: the future is often rougher than the past. With cross-fitted errors
   * ({@link Blend.Choice}) 1.0 covered the tuning half as well as 1.08 had, but the seeded random walk of
   * IntervalCoverageByHorizonTest then covered 69.5% at three days for 80%, so the widening stays (see
   * BENCHMARKS.md).
   */
  static final double INFLATION = 1.08;

  private final FittedModel[] models;
  private final int origin;
  private final int[] bucketH;
  private final double[][] weights;
  private final double[] scale;
  private final double[][] z;
  private final boolean nonNegative;

  Curve(FittedModel[] models, int origin, List<Blend.Choice> choices, boolean nonNegative) {
    this(models, origin, choices, null, nonNegative);
  }

  /** With {@code fixedZ} non-null, every bucket uses those quantiles (for the no-backtest fallback). */
  Curve(FittedModel[] models, int origin, List<Blend.Choice> choices, double[] fixedZ, boolean nonNegative) {
    this.models = models.clone();
    this.origin = origin;
    int nb = choices.size();
    this.bucketH = new int[nb];
    this.weights = new double[nb][];
    this.scale = new double[nb];
    this.z = new double[nb][];
    double running = 0;
    double[] pooled = fixedZ != null ? fixedZ : quantiles(choices, 0, nb - 1);
    for (int b = 0; b < nb; b++) {
      Blend.Choice c = choices.get(b);
      bucketH[b] = c.h();
      weights[b] = c.weights();
      running = Math.max(running, c.mae());
      scale[b] = running;
      double[] local = fixedZ != null ? null : quantiles(choices, Math.max(0, b - 1), Math.min(nb - 1, b + 1));
      z[b] = local != null ? local : pooled != null ? pooled : DEFAULT_Z.clone();
    }
    this.nonNegative = nonNegative;
  }

  /**
   * Quantiles of errors divided by their bucket's MAE over buckets {@code from..to}, each error weighing its recency
   * weight; null with too few.
   */
  private static double[] quantiles(List<Blend.Choice> choices, int from, int to) {
    int total = 0;
    int independent = 0;
    for (int b = from; b <= to; b++) {
      Blend.Choice c = choices.get(b);
      total += c.mae() > 0 ? c.errors().length : 0;
      independent = Math.max(independent, c.independent());
    }
    if (total < MIN_ERRORS) {
      return null;
    }
    double[][] all = new double[total][];
    int k = 0;
    double sw = 0;
    double sw2 = 0;
    for (int b = from; b <= to; b++) {
      Blend.Choice c = choices.get(b);
      if (c.mae() > 0) {
        for (int i = 0; i < c.errors().length; i++) {
          double w = c.recency()[i];
          all[k++] = new double[] {c.errors()[i] / c.mae(), w};
          sw += w;
          sw2 += w * w;
        }
      }
    }
    Arrays.sort(all, (a, b) -> Double.compare(a[0], b[0]));
    // the recency weights shrink the sample: as many independent errors as the effective share of the weights
    double effective = Math.max(1, independent * (sw * sw / sw2) / total);
    double[] q = new double[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      q[i] = weightedQuantile(all, sw, conformalLevel(LEVELS[i], effective));
    }
    q[0] = Math.min(q[0], 0);
    q[1] = Math.min(q[1], 0);
    q[2] = Math.max(q[2], 0);
    q[3] = Math.max(q[3], 0);
    q[0] = Math.min(q[0], q[1]);
    q[3] = Math.max(q[3], q[2]);
    return q;
  }

  /** The {@code q} quantile of {@code sorted} (value, weight) pairs whose weights sum to {@code total}. */
  static double weightedQuantile(double[][] sorted, double total, double q) {
    double target = q * total;
    double acc = 0;
    for (int i = 0; i < sorted.length; i++) {
      double w = sorted[i][1];
      // each value owns the middle of its weight, so equal weights give the usual interpolated quantile
      double mid = acc + w / 2;
      if (mid >= target) {
        if (i == 0) {
          return sorted[0][0];
        }
        double prevMid = acc - sorted[i - 1][1] / 2;
        double f = mid == prevMid ? 1 : (target - prevMid) / (mid - prevMid);
        return sorted[i - 1][0] + Math.max(0, Math.min(1, f)) * (sorted[i][0] - sorted[i - 1][0]);
      }
      acc += w;
    }
    return sorted[sorted.length - 1][0];
  }

  /**
   * The split-conformal small-sample correction: with {@code k} independent errors the tail beyond a level shrinks by
   * {@code k / (k + 1)} (the new error is one more exchangeable draw), so long horizons, whose backtest holds few
   * non-overlapping forecasts, get wider bands than their raw quantiles.
   */
  static double conformalLevel(double level, double k) {
    double tail = level < 0.5 ? level : 1 - level;
    double shrunk = tail * k / (k + 1.0);
    return level < 0.5 ? shrunk : 1 - shrunk;
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  /** The bucket at or below {@code h} and the log-horizon fraction towards the next one. */
  private double position(int h) {
    int last = bucketH.length - 1;
    if (h <= bucketH[0]) {
      return 0;
    }
    if (h >= bucketH[last]) {
      return last;
    }
    int i = Arrays.binarySearch(bucketH, h);
    if (i >= 0) {
      return i;
    }
    int b = -i - 2;
    return b + Math.log(h / (double) bucketH[b]) / Math.log(bucketH[b + 1] / (double) bucketH[b]);
  }

  private static double lerp(double[] v, double pos) {
    int b = (int) Math.floor(pos);
    double w = pos - b;
    return w == 0 ? v[b] : v[b] + w * (v[b + 1] - v[b]);
  }

  double point(int h) {
    double pos = position(h);
    int b = (int) Math.floor(pos);
    double w = pos - b;
    double v = Blend.forecast(models, weights[b], origin, h);
    if (w > 0) {
      v = (1 - w) * v + w * Blend.forecast(models, weights[b + 1], origin, h);
    }
    return v;
  }

  double scale(int h) {
    int last = bucketH.length - 1;
    if (h >= bucketH[last]) {
      return scale[last] * Math.sqrt(h / (double) bucketH[last]);
    }
    return lerp(scale, position(h));
  }

  /** Point and bands at {@code h} steps: {point, lo80, hi80, lo95, hi95}. */
  double[] band(int h) {
    double p = point(h);
    double s = INFLATION * scale(h);
    double pos = position(h);
    int b = (int) Math.floor(pos);
    double w = pos - b;
    double[] q = new double[4];
    for (int i = 0; i < 4; i++) {
      q[i] = w == 0 ? z[b][i] : (1 - w) * z[b][i] + w * z[b + 1][i];
    }
    double[] r = {p, p + q[1] * s, p + q[2] * s, p + q[0] * s, p + q[3] * s};
    if (nonNegative) {
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.max(0, r[i]);
      }
    }
    return r;
  }

  /** The name of the blend used at {@code h} (the nearer bucket's). */
  String modelAt(int h) {
    return Blend.name(models, weights[(int) Math.round(position(h))]);
  }

  /** The longest horizon the backtest covered, in steps. */
  int longestBacktested() {
    return bucketH[bucketH.length - 1];
  }

  boolean finiteUpTo(int[] horizons) {
    for (int h : horizons) {
      for (double v : band(h)) {
        if (!Double.isFinite(v)) {
          return false;
        }
      }
    }
    return true;
  }
}
