package io.glasshouse.rollup.forecast;

/**
 * Seasonal naive plus drift: the value one season earlier moved by the trend between the last two seasons'
 * means. Exact on a periodic pattern riding a linear trend.
 */
final class SeasonalDrift implements FittedModel {
  private final double[] y;
  private final int period;
  private final String name;
  private final double[] prefix;

  SeasonalDrift(double[] y, int period, String periodName) {
    this.y = y;
    this.period = period;
    this.name = "seasonal-drift(" + periodName + ")";
    this.prefix = new double[y.length + 1];
    for (int i = 0; i < y.length; i++) {
      prefix[i + 1] = prefix[i] + y[i];
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return 2 * period - 1;
  }

  @Override
  public double forecast(int origin, int h) {
    int m = period;
    int same = SeasonalNaive.samePhase(origin, h, m);
    if (origin + 1 < 2 * m) {
      return y[same];
    }
    double recent = prefix[origin + 1] - prefix[origin + 1 - m];
    double before = prefix[origin + 1 - m] - prefix[origin + 1 - 2 * m];
    double drift = (recent - before) / ((double) m * m);
    return y[same] + (origin + h - same) * drift;
  }
}
