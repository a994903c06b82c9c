package io.glasshouse.rollup.instances;

import java.util.Arrays;

/** Median and median absolute deviation (MAD). */
final class RobustStats {
  /** 1.4826 × MAD estimates the standard deviation of normally distributed values. */
  static final double MAD_TO_SIGMA = 1.4826;

  private RobustStats() {
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static double mad(double[] values, double median) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = Math.abs(values[i] - median);
    }
    return median(d);
  }
}
