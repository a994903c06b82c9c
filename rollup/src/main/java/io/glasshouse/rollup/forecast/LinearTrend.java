package io.glasshouse.rollup.forecast;

/**
 * Least-squares line over the last {@code window} points before the origin, extrapolated (what Prometheus'
 * {@code predict_linear} does over a range). Exact on a noise-free ramp.
 */
final class LinearTrend implements FittedModel {
  private final double[] y;
  private final int window;
  private final String name;
  /** Prefix sums of y and of i*y (i relative to the middle of the series), for O(1) fits in backtests. */
  private final double[] sumY;
  private final double[] sumIy;
  private final double centre;
  private int memoOrigin = -1;
  private double memoIntercept;
  private double memoSlope;

  LinearTrend(double[] y, int window, String windowName) {
    this.y = y;
    this.window = Math.max(2, window);
    this.name = "linear(" + windowName + ")";
    this.centre = y.length / 2.0;
    this.sumY = new double[y.length + 1];
    this.sumIy = new double[y.length + 1];
    for (int i = 0; i < y.length; i++) {
      sumY[i + 1] = sumY[i] + y[i];
      sumIy[i + 1] = sumIy[i] + (i - centre) * y[i];
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return 1;
  }

  @Override
  public synchronized double forecast(int origin, int h) {
    if (origin != memoOrigin) {
      fitAt(origin);
    }
    return memoIntercept + memoSlope * h;
  }

  /** The fit from prefix sums; the last origin (the real forecast) is fitted exactly by {@link #fitExact}. */
  private void fitAt(int origin) {
    if (origin == y.length - 1) {
      fitExact(origin);
      return;
    }
    int from = Math.max(0, origin - window + 1);
    int n = origin - from + 1;
    double sy = sumY[origin + 1] - sumY[from];
    double siy = sumIy[origin + 1] - sumIy[from];
    // x = i - centre over [from, origin]
    double mx = (from + origin) / 2.0 - centre;
    double my = sy / n;
    double sxx = n * ((double) n * n - 1) / 12.0;
    double sxy = siy - n * mx * my;
    double slope = sxx == 0 ? 0 : sxy / sxx;
    memoSlope = slope;
    memoIntercept = my + slope * (origin - centre - mx);
    memoOrigin = origin;
  }

  /** Fits the line with x measured from the origin (x = 0 at the origin), so large indices lose no precision. */
  private void fitExact(int origin) {
    int from = Math.max(0, origin - window + 1);
    int n = origin - from + 1;
    double mx = -(n - 1) / 2.0;
    double my = 0;
    for (int i = from; i <= origin; i++) {
      my += y[i];
    }
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (int i = from; i <= origin; i++) {
      double dx = (i - origin) - mx;
      sxy += dx * (y[i] - my);
      sxx += dx * dx;
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    memoSlope = slope;
    memoIntercept = my - slope * mx;
    memoOrigin = origin;
  }
}
