package io.glasshouse.rollup.forecast;

/**
 * The simple forecasts every model is judged against, made from a history whose last value is the origin.
 *
 * <p>Contract: gaps in the history are filled by linear interpolation first (no outlier clipping); the last value
 * must be finite. A baseline that needs more history than there is (a seasonal naive with less than one season)
 * returns NaN for every horizon.
 */
public final class Baselines {
  private Baselines() {
  }

  /** The baselines. */
  public enum Kind {
    /** Last value carried forward. */
    NAIVE,
    /** The value one day earlier. */
    SEASONAL_NAIVE_DAY,
    /** The value one week earlier. */
    SEASONAL_NAIVE_WEEK,
    /** Least-squares line over the last day (or the last 30 steps when the step does not divide a day). */
    LINEAR_TREND
  }

  /** Forecasts {@code stepsAhead[i]} steps after the last value of {@code history}. */
  public static double[] forecast(Series history, Kind kind, int[] stepsAhead) {
    double[] raw = history.raw();
    int n = raw.length;
    if (n == 0 || !Double.isFinite(raw[n - 1])) {
      throw new IllegalArgumentException("the history must end with a finite value");
    }
    int first = 0;
    while (!Double.isFinite(raw[first])) {
      first++;
    }
    double[] y = java.util.Arrays.copyOfRange(raw, first, n);
    Preparation.impute(y);
    int day = Periods.day(history.stepMs());
    FittedModel model = switch (kind) {
      case NAIVE -> new Naive(y);
      case SEASONAL_NAIVE_DAY -> day > 0 && y.length >= day ? new SeasonalNaive(y, day, 1, "day") : null;
      case SEASONAL_NAIVE_WEEK -> {
        int week = Periods.week(history.stepMs());
        yield week > 0 && y.length >= week ? new SeasonalNaive(y, week, 1, "week") : null;
      }
      case LINEAR_TREND -> new LinearTrend(y, day > 0 ? day : 30, "");
    };
    double[] out = new double[stepsAhead.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = model == null ? Double.NaN : model.forecast(y.length - 1, stepsAhead[i]);
    }
    return out;
  }

  /**
   * Mean absolute error of the one-day seasonal naive forecast inside {@code history} (the MASE scale); falls back
   * to lag one when the history is shorter than two days or the step does not divide a day. NaN without pairs.
   */
  public static double seasonalNaiveScale(Series history) {
    double[] y = history.raw();
    int day = Periods.day(history.stepMs());
    int lag = day > 0 && y.length >= 2 * day ? day : 1;
    double s = 0;
    int c = 0;
    for (int i = lag; i < y.length; i++) {
      double d = y[i] - y[i - lag];
      if (Double.isFinite(d)) {
        s += Math.abs(d);
        c++;
      }
    }
    return c == 0 ? Double.NaN : s / c;
  }
}
