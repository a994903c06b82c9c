package io.glasshouse.rollup.forecast;

/** Last value carried forward. */
final class Naive implements FittedModel {
  private final double[] y;

  Naive(double[] y) {
    this.y = y;
  }

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public int warmup() {
    return 0;
  }

  @Override
  public double forecast(int origin, int h) {
    return y[origin];
  }
}
