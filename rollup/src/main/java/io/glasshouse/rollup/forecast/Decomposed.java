package io.glasshouse.rollup.forecast;

import java.util.Arrays;

/**
 * Forecasts a series as its seasonal profiles ({@link SeasonalProfile}, MSTL-style) plus a non-seasonal model of
 * the deseasonalised rest: simple exponential smoothing (the level, flat ahead: MSTL with an ETS(A,N,N) rest) or
 * the Theta method (that level plus half the least-squares slope of the deseasonalised window, as Hyndman and
 * Billah showed Theta to be; the drift stops after {@link #DRIFT_WINDOWS} window lengths), or SES fitted on errors
 * one season ahead (a slower level for long horizons). With no period it is plain SES or Theta on the series.
 *
 * <p>The decomposition is refitted at a few anchors: a forecast from origin {@code t} uses the fit made at the
 * latest anchor at or before {@code t}, and that fit saw nothing after its anchor. So a rolling-origin backtest
 * over the history stays honest (no season estimated from the future) at the cost of a handful of fits; the last
 * anchor is the last index, which is the fit the real forecast uses.
 */
final class Decomposed implements FittedModel {
  /** Most points the smoothing parameter is fitted on (the end of the window). */
  static final int ALPHA_FIT_POINTS = 4000;

  /** The three ways to carry the deseasonalised rest forward. */
  enum Rest {
    /** SES fitted on one-step errors: the level, flat ahead (MSTL with ETS(A,N,N)). */
    SES,
    /** SES plus half the window's least-squares slope (the Theta method). */
    THETA,
    /** SES fitted on errors one season ahead: a slower level, for horizons of a season and more. */
    SEASON_AHEAD,
    /**
     * The last deseasonalised value, flat ahead: the last value plus the profile's change from now to the target
     * (seasonal naive in differences with a smoothed season), for short horizons on strongly seasonal series.
     */
    LAST
  }

  private final String name;
  private final Rest rest;
  private final int warmup;
  private final int[] anchors;
  private final Fit[] fits;
  private final double[] y;

  /** One decomposition and its smoothed level, valid for origins from its anchor to the next one. */
  private record Fit(SeasonalProfile profile, double alpha, double slope, int first, double[] level,
      double[] slowLevel, int window) {
  }

  /** Theta's drift runs at most this many window lengths ahead; beyond, the forecast keeps its level. */
  static final int DRIFT_WINDOWS = 3;

  private Decomposed(double[] y, String name, Rest rest, int warmup, int[] anchors, Fit[] fits) {
    this.y = y;
    this.name = name;
    this.rest = rest;
    this.warmup = warmup;
    this.anchors = anchors;
    this.fits = fits;
  }

  /**
   * Fits the variants on {@code y} (no NaN) for {@code periods} (ascending; empty for
   * none), using at most {@code window} points before each anchor, with anchors from {@code firstAnchor} every
   * {@code spacing} steps and at the last index. Returns one model per {@link Rest}, in its order
   * ({@link Rest#LAST} only with a period).
   */
  static Decomposed[] fit(double[] y, int[] periods, String periodName, int window, int firstAnchor, int spacing) {
    int n = y.length;
    int longest = periods.length == 0 ? 0 : periods[periods.length - 1];
    int warm = Math.max(Math.max(firstAnchor, 2 * longest), 2);
    warm = Math.min(warm, n - 1);
    int count = 1;
    for (int a = warm; a < n - 1; a += Math.max(1, spacing)) {
      count++;
    }
    int[] anchors = new int[count];
    int c = 0;
    for (int a = warm; a < n - 1; a += Math.max(1, spacing)) {
      anchors[c++] = a;
    }
    anchors[c] = n - 1;
    Fit[] fits = new Fit[count];
    for (int i = 0; i < count; i++) {
      int end = i + 1 < count ? anchors[i + 1] - 1 : n - 1;
      fits[i] = fitAt(y, periods, window, anchors[i], end);
    }
    String suffix = periods.length == 0 ? "" : "(" + periodName + ")";
    String base = periods.length == 0 ? "" : "mstl-";
    Decomposed[] all = {new Decomposed(y, base + "ses" + suffix, Rest.SES, warm, anchors, fits),
        new Decomposed(y, base + "theta" + suffix, Rest.THETA, warm, anchors, fits),
        new Decomposed(y, base + "ses-season-ahead" + suffix, Rest.SEASON_AHEAD, warm, anchors, fits),
        new Decomposed(y, base + "last" + suffix, Rest.LAST, warm, anchors, fits)};
    // with no season the last deseasonalised value is the naive forecast, already a candidate
    return periods.length == 0 ? Arrays.copyOf(all, 3) : all;
  }

  private static Fit fitAt(double[] y, int[] periods, int window, int anchor, int end) {
    int from = Math.max(0, anchor + 1 - window);
    SeasonalProfile profile = SeasonalProfile.fit(y, from, anchor, periods);
    int len = anchor - from + 1;
    double[] d = new double[len];
    for (int i = 0; i < len; i++) {
      d[i] = y[from + i] - profile.at(from + i);
    }
    int fitFrom = Math.max(0, len - ALPHA_FIT_POINTS);
    double alpha = bestAlpha(d, fitFrom, 1);
    int ahead = periods.length == 0 ? 12 : periods[0];
    double slowAlpha = len - fitFrom > 3 * ahead ? bestAlpha(d, fitFrom, ahead) : alpha;
    double slope = slope(d);
    return new Fit(profile, alpha, slope, anchor, levels(y, profile, d, alpha, anchor, end),
        levels(y, profile, d, slowAlpha, anchor, end), len);
  }

  /** Runs the level from the window start (the first value) to the end of a fit's validity. */
  private static double[] levels(double[] y, SeasonalProfile profile, double[] d, double alpha, int anchor, int end) {
    double l = d[0];
    for (int i = 1; i < d.length; i++) {
      l += alpha * (d[i] - l);
    }
    double[] level = new double[end - anchor + 1];
    level[0] = l;
    for (int t = anchor + 1; t <= end; t++) {
      l += alpha * (y[t] - profile.at(t) - l);
      level[t - anchor] = l;
    }
    return level;
  }

  /** The SES smoothing parameter in [0.01, 1] minimising {@code ahead}-step squared error on {@code d[from..]}. */
  static double bestAlpha(double[] d, int from, int ahead) {
    double lo = 0.01;
    double hi = 1.0;
    double g = (Math.sqrt(5) - 1) / 2;
    double a = hi - g * (hi - lo);
    double b = lo + g * (hi - lo);
    double fa = sse(d, from, a, ahead);
    double fb = sse(d, from, b, ahead);
    for (int it = 0; it < 18; it++) {
      if (fa <= fb) {
        hi = b;
        b = a;
        fb = fa;
        a = hi - g * (hi - lo);
        fa = sse(d, from, a, ahead);
      } else {
        lo = a;
        a = b;
        fa = fb;
        b = lo + g * (hi - lo);
        fb = sse(d, from, b, ahead);
      }
    }
    double best = fa <= fb ? a : b;
    // the end points are candidates too: golden section never reaches them
    double atOne = sse(d, from, 1.0, ahead);
    return atOne <= Math.min(fa, fb) ? 1.0 : best;
  }

  private static double sse(double[] d, int from, double alpha, int ahead) {
    int warm = Math.min(d.length - from, 10);
    double l = 0;
    for (int i = from; i < from + warm; i++) {
      l += d[i];
    }
    l = warm == 0 ? 0 : l / warm;
    double s = 0;
    for (int i = from; i < d.length; i++) {
      if (i >= from + warm && i + ahead - 1 < d.length) {
        double e = d[i + ahead - 1] - l;
        s += e * e;
      }
      l += alpha * (d[i] - l);
    }
    return s;
  }

  /** Least-squares slope of {@code d} against its index. */
  private static double slope(double[] d) {
    int n = d.length;
    if (n < 2) {
      return 0;
    }
    double mx = (n - 1) / 2.0;
    double my = 0;
    for (double v : d) {
      my += v;
    }
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (i - mx) * (d[i] - my);
      sxx += (i - mx) * (i - mx);
    }
    return sxx == 0 ? 0 : sxy / sxx;
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
    int k = Arrays.binarySearch(anchors, origin);
    if (k < 0) {
      k = Math.max(0, -k - 2);
    }
    Fit f = fits[k];
    int idx = Math.max(0, Math.min(f.level().length - 1, origin - f.first()));
    double level = switch (rest) {
      case SEASON_AHEAD -> f.slowLevel()[idx];
      case LAST -> y[origin] - f.profile().at(origin);
      default -> f.level()[idx];
    };
    double v = level + f.profile().at(origin + h);
    if (rest == Rest.THETA) {
      // a slope measured on a day of history says little about the next three months
      int ahead = Math.min(h, DRIFT_WINDOWS * f.window());
      v += f.slope() / 2 * (ahead - 1 + 1 / f.alpha());
    }
    return v;
  }

  /** The periods in the decomposition the last forecast uses. */
  int[] periods() {
    return fits[fits.length - 1].profile().periods();
  }
}
