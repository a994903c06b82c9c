package io.glasshouse.rollup.forecast;

import java.util.Random;
import java.util.function.IntToDoubleFunction;

/** Seeded synthetic series for tests: a known signal plus optional Gaussian noise. */
final class Synthetic {
  static final long START = 1_700_000_000_000L;
  static final long FIVE_MIN = 300_000L;
  static final int DAY = 288;
  static final int WEEK = 2016;

  private Synthetic() {
  }

  /** Level, trend per step, daily and weekly sine amplitudes at a 5-minute step. */
  static IntToDoubleFunction seasonal(double level, double trend, double daily, double weekly) {
    return i -> level + trend * i + daily * Math.sin(2 * Math.PI * i / DAY) + weekly * Math.sin(2 * Math.PI * i / WEEK);
  }

  static Series sample(IntToDoubleFunction signal, int n, double noise, long seed) {
    Random rnd = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = signal.applyAsDouble(i) + noise * rnd.nextGaussian();
    }
    return new Series(START, FIVE_MIN, v);
  }
}
