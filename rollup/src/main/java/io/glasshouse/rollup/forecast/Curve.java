package io.glasshouse.rollup.forecast;

import java.util.Arrays;
import java.util.List;

/**
 * The chosen forecast as a function of steps ahead from the origin: point from the per-bucket combination, bands
 * from the backtest error scale (interpolated in log-horizon, growing with the square root of the horizon past the
 * longest backtested one) times pooled empirical quantiles of the standardised errors. Immutable.
 */
final class Curve {
  /** Quantile levels of the standardised errors: lower 95, lower 80, upper 80, upper 95. */
  static final double[] LEVELS = {0.025, 0.10, 0.90, 0.975};
  /** Used when no backtest was possible: Gaussian quantiles for an error scale measured as a mean absolute error. */
  static final double[] DEFAULT_Z = {-2.46, -1.61, 1.61, 2.46};

  /**
   * Backtest errors are a little optimistic: Holt-Winters parameters are fitted on the same history and the model
   * is the backtest's own pick. Bands are widened by this factor to pay for that (measured on seeded simulations
   * and held-out real series, see the results document).
   */
  static final double INFLATION = 1.05;

  private final FittedModel[] models;
  private final int origin;
  private final int[] bucketH;
  private final Combination[] combos;
  private final double[] scale;
  private final double[] z;
  private final boolean nonNegative;

  Curve(FittedModel[] models, int origin, List<Backtest.Choice> choices, double[] z, boolean nonNegative) {
    this.models = models.clone();
    this.origin = origin;
    int nb = choices.size();
    this.bucketH = new int[nb];
    this.combos = new Combination[nb];
    this.scale = new double[nb];
    double running = 0;
    for (int b = 0; b < nb; b++) {
      Backtest.Choice c = choices.get(b);
      bucketH[b] = c.h();
      combos[b] = c.combination();
      running = Math.max(running, c.mae());
      scale[b] = running;
    }
    this.z = z.clone();
    this.nonNegative = nonNegative;
  }

  /** Pooled quantiles of errors divided by their bucket's MAE; {@link #DEFAULT_Z} without data. */
  static double[] calibrate(List<Backtest.Choice> choices) {
    int total = 0;
    for (Backtest.Choice c : choices) {
      total += c.mae() > 0 ? c.errors().length : 0;
    }
    if (total < 20) {
      return DEFAULT_Z.clone();
    }
    double[] all = new double[total];
    int k = 0;
    for (Backtest.Choice c : choices) {
      if (c.mae() > 0) {
        for (double e : c.errors()) {
          all[k++] = e / c.mae();
        }
      }
    }
    Arrays.sort(all);
    double[] z = new double[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      z[i] = quantile(all, LEVELS[i]);
    }
    z[0] = Math.min(z[0], 0);
    z[1] = Math.min(z[1], 0);
    z[2] = Math.max(z[2], 0);
    z[3] = Math.max(z[3], 0);
    return z;
  }

  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(sorted.length - 1, i + 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }

  private int bucket(int h) {
    int i = Arrays.binarySearch(bucketH, h);
    if (i >= 0) {
      return i;
    }
    return Math.max(0, -i - 2);
  }

  double point(int h) {
    double v = combos[bucket(h)].forecast(models, origin, h);
    return nonNegative ? Math.max(0, v) : v;
  }

  double scale(int h) {
    int last = bucketH.length - 1;
    if (h <= bucketH[0]) {
      return scale[0];
    }
    if (h >= bucketH[last]) {
      return scale[last] * Math.sqrt(h / (double) bucketH[last]);
    }
    int b = bucket(h);
    double w = Math.log(h / (double) bucketH[b]) / Math.log(bucketH[b + 1] / (double) bucketH[b]);
    return scale[b] + w * (scale[b + 1] - scale[b]);
  }

  /** Point and bands at {@code h} steps: {point, lo80, hi80, lo95, hi95}. */
  double[] band(int h) {
    double p = combos[bucket(h)].forecast(models, origin, h);
    double s = INFLATION * scale(h);
    double[] r = {p, p + z[1] * s, p + z[2] * s, p + z[0] * s, p + z[3] * s};
    if (nonNegative) {
      for (int i = 0; i < r.length; i++) {
        r[i] = Math.max(0, r[i]);
      }
    }
    return r;
  }

  String modelAt(int h) {
    return combos[bucket(h)].name(models);
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
