package io.glasshouse.rollup.forecast;

/**
 * The value one season earlier; with {@code cycles > 1}, the mean of the same phase over that many past seasons
 * (a seasonal mean, less noisy on count data).
 */
final class SeasonalNaive implements FittedModel {
  private final double[] y;
  private final int period;
  private final int cycles;
  private final String name;

  SeasonalNaive(double[] y, int period, int cycles, String periodName) {
    this.y = y;
    this.period = period;
    this.cycles = cycles;
    this.name = cycles == 1 ? "seasonal-naive(" + periodName + ")" : "seasonal-mean" + cycles + "(" + periodName + ")";
  }

  /** Index of the latest value as of {@code origin} in the same phase as {@code origin + h}. */
  static int samePhase(int origin, int h, int period) {
    return origin - ((period - h % period) % period);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int warmup() {
    return cycles * period - 1;
  }

  @Override
  public double forecast(int origin, int h) {
    int i = samePhase(origin, h, period);
    double sum = 0;
    int c = 0;
    for (int k = 0; k < cycles && i >= 0; k++, i -= period) {
      sum += y[i];
      c++;
    }
    return c == 0 ? y[origin] : sum / c;
  }
}
