package io.glasshouse.rollup.forecast;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Holt-Winters exponential smoothing with damped additive trend and additive or multiplicative seasonality.
 * Smoothing parameters minimise the in-sample one-step squared error, found by BOBYQA from a heuristic warm
 * start with a bounded number of evaluations. The filter keeps its states at every index, so forecasts from any
 * origin cost O(1).
 */
final class HoltWinters implements FittedModel {
  static final int MAX_EVALUATIONS = 50;
  static final int WARM_EVALUATIONS = 30;
  /**
   * The parameters are fitted on the end of the history: eight seasons (at least 500 points), at most
   * {@link #FIT_POINTS} points but never fewer than three seasons; the fitted filter then runs over all of it.
   */
  static final int FIT_SEASONS = 8;
  static final int FIT_POINTS = 3000;

  private final String name;
  private final int period;
  private final boolean multiplicative;
  private final double phi;
  private final double[] level;
  private final double[] trend;
  private final double[] season;
  private final int warmup;
  private final double[] params;

  private HoltWinters(String name, int period, boolean multiplicative, double[] params, Filter filter, int warmup) {
    this.name = name;
    this.period = period;
    this.multiplicative = multiplicative;
    this.params = params.clone();
    this.phi = params[3];
    this.level = filter.level;
    this.trend = filter.trend;
    this.season = filter.season;
    this.warmup = warmup;
  }

  /**
   * Fits to {@code y} (no NaN; {@code weight[i]} is 0 for imputed points, which do not count in the error).
   * Returns null when the series is too short (fewer than two seasons), the data do not suit the variant
   * (multiplicative needs positive values) or the fit is not finite.
   */
  static HoltWinters fit(double[] y, boolean[] observed, int period, boolean multiplicative, String periodName) {
    return fit(y, observed, period, multiplicative, periodName, null);
  }

  /**
   * As {@link #fit(double[], boolean[], int, boolean, String)}, warm-started from the parameters of a related fit
   * (another season or the other seasonality) with a smaller budget of evaluations when {@code warm} is not null.
   */
  static HoltWinters fit(double[] y, boolean[] observed, int period, boolean multiplicative, String periodName,
      HoltWinters warm) {
    int n = y.length;
    if (period < 1 || n < 2 * period + 2) {
      return null;
    }
    if (multiplicative) {
      for (double v : y) {
        if (!(v > 0)) {
          return null;
        }
      }
    }
    int fitFrom = Math.max(0, n - Math.max(3 * period, Math.min(FIT_POINTS, Math.max(FIT_SEASONS * period, 500))));
    Filter fitFilter = fitFrom == 0 ? new Filter(y, observed, period, multiplicative)
        : new Filter(java.util.Arrays.copyOfRange(y, fitFrom, n), java.util.Arrays.copyOfRange(observed, fitFrom, n),
            period, multiplicative);
    double[] start = warm == null ? new double[] {0.2, 0.02 / 0.3, 0.1, (0.95 - 0.8) / 0.2} : toUnit(warm.params);
    int maxEval = warm == null ? MAX_EVALUATIONS : WARM_EVALUATIONS;
    double radius = warm == null ? 0.15 : 0.08;
    double[] bestU = start.clone();
    double startSse = fitFilter.run(toParams(start));
    double[] bestSse = {Double.isFinite(startSse) ? startSse : Double.POSITIVE_INFINITY};
    ObjectiveFunction objective = new ObjectiveFunction(u -> {
      double sse = fitFilter.run(toParams(u));
      if (!Double.isFinite(sse)) {
        return Double.MAX_VALUE;
      }
      if (sse < bestSse[0]) {
        bestSse[0] = sse;
        System.arraycopy(u, 0, bestU, 0, u.length);
      }
      return sse;
    });
    try {
      new BOBYQAOptimizer(9, radius, 4e-3).optimize(new MaxEval(maxEval), objective, GoalType.MINIMIZE,
          new InitialGuess(start), new SimpleBounds(new double[4], new double[] {1, 1, 1, 1}));
    } catch (MathIllegalStateException e) {
      // out of evaluations, or BOBYQA's trust region failed to reduce its model (it happens on spiky counts):
      // either way keep the best point seen so far
    }
    if (!Double.isFinite(bestSse[0])) {
      return null;
    }
    double[] best = toParams(bestU);
    Filter filter = fitFrom == 0 ? fitFilter : new Filter(y, observed, period, multiplicative);
    double sse = filter.run(best);
    if (!Double.isFinite(sse)) {
      return null;
    }
    String name = "hw-" + (multiplicative ? "mul" : "add") + "-damped(" + periodName + ")";
    return new HoltWinters(name, period, multiplicative, best, filter, Math.min(n - 1, filter.initCycles * period));
  }

  /** Maps the unit cube to (alpha, beta, gamma, phi). */
  static double[] toParams(double[] u) {
    return new double[] {0.001 + 0.998 * u[0], 0.3 * u[1], 0.999 * u[2], 0.8 + 0.2 * u[3]};
  }

  /** Inverse of {@link #toParams}, pulled inside the cube so a trust region fits around it. */
  static double[] toUnit(double[] p) {
    double[] u = {(p[0] - 0.001) / 0.998, p[1] / 0.3, p[2] / 0.999, (p[3] - 0.8) / 0.2};
    for (int i = 0; i < u.length; i++) {
      u[i] = Math.max(0.0, Math.min(1.0, u[i]));
    }
    return u;
  }

  double[] params() {
    return params.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return warmup;
  }

  @Override
  public double forecast(int origin, int h) {
    double damp = phi > 1 - 1e-9 ? h : phi * (1 - Math.pow(phi, h)) / (1 - phi);
    double s = season[SeasonalNaive.samePhase(origin, h, period) + period];
    double base = level[origin] + damp * trend[origin];
    return multiplicative ? base * s : base + s;
  }

  /** A mutable copy of the state at {@code origin}, to continue the recursions one observation at a time. */
  Online online(int origin) {
    double[] s = new double[period];
    for (int p = 0; p < period; p++) {
      // latest seasonal value for phase (origin + 1 + p) mod period as of origin
      s[p] = season[SeasonalNaive.samePhase(origin, p + 1, period) + period];
    }
    return new Online(params, multiplicative, level[origin], trend[origin], s);
  }

  /** The recursions run online; not thread-safe, owned by one caller. Slot 0 of the ring is the next step's season. */
  static final class Online {
    private final double a;
    private final double b;
    private final double g;
    private final double phi;
    private final boolean mult;
    private final double[] ring;
    private int head;
    private double level;
    private double trend;

    Online(double[] p, boolean mult, double level, double trend, double[] seasonFromNext) {
      this.a = p[0];
      this.b = p[1];
      this.g = p[2];
      this.phi = p[3];
      this.mult = mult;
      this.ring = seasonFromNext.clone();
      this.level = level;
      this.trend = trend;
    }

    /** The one-step-ahead forecast. */
    double predict() {
      double damped = level + phi * trend;
      return mult ? damped * ring[head] : damped + ring[head];
    }

    /** Takes the next observation (finite). */
    void update(double y) {
      double s = ring[head];
      double damped = level + phi * trend;
      double nl = mult ? a * (y / s) + (1 - a) * damped : a * (y - s) + (1 - a) * damped;
      double ns = mult ? g * (y / nl) + (1 - g) * s : g * (y - nl) + (1 - g) * s;
      if (!Double.isFinite(nl) || !Double.isFinite(ns)) {
        return;
      }
      trend = b * (nl - level) + (1 - b) * phi * trend;
      level = nl;
      ring[head] = ns;
      head = (head + 1) % ring.length;
    }

    /** Skips a gap: advances the season without learning. */
    void skip() {
      level = level + phi * trend;
      trend = phi * trend;
      head = (head + 1) % ring.length;
    }
  }

  /** The recursions, with state arrays reused across optimiser evaluations. */
  static final class Filter {
    final double[] y;
    final boolean[] observed;
    final int m;
    final boolean mult;
    final double[] level;
    final double[] trend;
    final double[] season;
    final int initCycles;
    final double level0;
    final double trend0;
    final double[] season0;

    Filter(double[] y, boolean[] observed, int m, boolean mult) {
      this.y = y;
      this.observed = observed;
      this.m = m;
      this.mult = mult;
      int n = y.length;
      level = new double[n];
      trend = new double[n];
      season = new double[n + m];
      initCycles = Math.max(1, Math.min(3, n / (2 * m)));
      double[] means = new double[initCycles];
      for (int k = 0; k < initCycles; k++) {
        double s = 0;
        for (int i = 0; i < m; i++) {
          s += y[k * m + i];
        }
        means[k] = s / m;
      }
      trend0 = initCycles > 1 ? (means[initCycles - 1] - means[0]) / ((initCycles - 1) * (double) m) : 0;
      level0 = means[0] - trend0 * (m + 1) / 2.0;
      season0 = new double[m];
      for (int p = 0; p < m; p++) {
        double s = 0;
        for (int k = 0; k < initCycles; k++) {
          double expected = means[k] + trend0 * (p - (m - 1) / 2.0);
          s += mult ? y[k * m + p] / expected : y[k * m + p] - expected;
        }
        season0[p] = s / initCycles;
      }
    }

    /** Runs the recursions; returns the one-step SSE over observed points after the first season, or NaN on blow-up. */
    double run(double[] p) {
      double a = p[0];
      double b = p[1];
      double g = p[2];
      double phi = p[3];
      System.arraycopy(season0, 0, season, 0, m);
      double l = level0;
      double t = trend0;
      double sse = 0;
      for (int i = 0; i < y.length; i++) {
        double s = season[i];
        double damped = l + phi * t;
        double yi = y[i];
        double fc = mult ? damped * s : damped + s;
        if (i >= m && observed[i]) {
          double e = yi - fc;
          sse += e * e;
        }
        double nl;
        double ns;
        if (mult) {
          nl = a * (yi / s) + (1 - a) * damped;
          ns = g * (yi / nl) + (1 - g) * s;
        } else {
          nl = a * (yi - s) + (1 - a) * damped;
          ns = g * (yi - nl) + (1 - g) * s;
        }
        t = b * (nl - l) + (1 - b) * phi * t;
        l = nl;
        level[i] = l;
        trend[i] = t;
        season[i + m] = ns;
        if (!Double.isFinite(l) || !Double.isFinite(ns) || (mult && (l <= 0 || ns <= 0))) {
          return Double.NaN;
        }
      }
      return sse;
    }
  }
}
