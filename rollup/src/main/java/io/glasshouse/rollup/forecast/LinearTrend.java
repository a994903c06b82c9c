package io.glasshouse.rollup.forecast;

/**
 * Least-squares line over the last {@code window} points before the origin, extrapolated (what Prometheus'
 * {@code predict_linear} does over a range). Exact on a noise-free ramp.
 */
final class LinearTrend implements FittedModel {
  private final double[] y;
  private final int window;
  private final String name;
  private int memoOrigin = -1;
  private double memoIntercept;
  private double memoSlope;

  LinearTrend(double[] y, int window, String windowName) {
    this.y = y;
    this.window = Math.max(2, window);
    this.name = "linear(" + windowName + ")";
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

  /** Fits the line with x measured from the origin (x = 0 at the origin), so large indices lose no precision. */
  private void fitAt(int origin) {
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
