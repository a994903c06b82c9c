package io.glasshouse.rollup.forecast;

/**
 * The last value plus the seasonal change: {@code y(t + h) = y(t) + s(t + h) - s(t)}, the seasonal move from now to
 * the target read off the last season ({@code s(t + h) - s(t) = y(t + h - m) - y(t - m)}, or over whole seasons
 * further back when {@code h > m}). Seasonal naive in differences: it keeps today's level (which seasonal naive
 * loses) and today's shape of the day (which a level-only model loses), so on a strongly seasonal, slowly wandering
 * series (temperatures, loads) it is hard to beat at horizons well inside a season.
 */
final class SeasonalDelta implements FittedModel {
  private final double[] y;
  private final int period;
  private final String name;

  SeasonalDelta(double[] y, int period, String periodName) {
    this.y = y;
    this.period = period;
    this.name = "seasonal-delta(" + periodName + ")";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return period;
  }

  @Override
  public double forecast(int origin, int h) {
    int same = SeasonalNaive.samePhase(origin, h, period);
    int back = same - h;
    if (back < 0) {
      return y[same];
    }
    return y[origin] + y[same] - y[back];
  }
}
