package io.glasshouse.rollup.forecast;

/**
 * An MSTL-style multi-season decomposition of the history up to an anchor index: one additive seasonal profile per
 * period (shortest first), estimated in two passes, each pass removing the other seasons and a centred moving-average
 * trend of the period's length and then averaging every phase over its most recent cycles with tricube weights (the
 * end value of STL's LOESS smoothing of a cycle subseries, degree 0). A period joins only when the window holds at
 * least two of its cycles. Profiles are centred (they sum to zero over a cycle). Immutable.
 *
 * <p>Phases are absolute: phase of index {@code i} is {@code i mod period}, the convention of every model here.
 */
final class SeasonalProfile {
  /** Cycles averaged per phase for the first, second, … period: STL's seasonal windows in MSTL (7 + 4k). */
  static final int[] CYCLES = {11, 15, 19};
  static final int PASSES = 2;
  /** Values this many robust scales from their phase's median are left out of its mean. */
  static final double OUTLIER_SCALES = 3.0;

  private final int[] periods;
  private final double[][] profiles;

  private SeasonalProfile(int[] periods, double[][] profiles) {
    this.periods = periods;
    this.profiles = profiles;
  }

  /** No season: the profile is zero everywhere. */
  static SeasonalProfile none() {
    return new SeasonalProfile(new int[0], new double[0][]);
  }

  /**
   * Decomposes {@code y[from..anchor]} (no NaN) for those of {@code periods} (ascending) that fit twice into the
   * window.
   */
  static SeasonalProfile fit(double[] y, int from, int anchor, int[] periods) {
    int len = anchor - from + 1;
    int k = 0;
    while (k < periods.length && periods[k] > 1 && 2 * periods[k] <= len) {
      k++;
    }
    int[] used = java.util.Arrays.copyOf(periods, k);
    double[][] prof = new double[k][];
    for (int j = 0; j < k; j++) {
      prof[j] = new double[used[j]];
    }
    if (k == 0) {
      return none();
    }
    double[] z = new double[len];
    double[] prefix = new double[len + 1];
    for (int pass = 0; pass < PASSES; pass++) {
      for (int j = 0; j < k; j++) {
        for (int i = 0; i < len; i++) {
          double v = y[from + i];
          for (int o = 0; o < k; o++) {
            if (o != j) {
              v -= prof[o][(from + i) % used[o]];
            }
          }
          z[i] = v;
          prefix[i + 1] = prefix[i] + v;
        }
        prof[j] = phaseMeans(z, prefix, from, used[j], CYCLES[Math.min(j, CYCLES.length - 1)]);
      }
    }
    return new SeasonalProfile(used, prof);
  }

  /**
   * Detrends {@code z} by a centred moving average of length {@code m} and averages each phase over its most recent
   * cycles with tricube weights, leaving out values more than {@link #OUTLIER_SCALES} robust scales from the phase's
   * weighted median (a cycle bent by a level shift or an incident does not bend the profile).
   */
  private static double[] phaseMeans(double[] z, double[] prefix, int from, int m, int cycles) {
    int len = z.length;
    int half = m / 2;
    double[][] values = new double[m][cycles];
    int[] seen = new int[m];
    // walk back from the last index with a full centred window, so the newest cycles come first for every phase
    for (int i = len - 1 - half; i >= half; i--) {
      int phase = (from + i) % m;
      if (seen[phase] >= cycles) {
        continue;
      }
      double ma;
      if (m % 2 == 1) {
        ma = (prefix[i + half + 1] - prefix[i - half]) / m;
      } else {
        // 2 x m moving average: the two end points count half
        ma = (prefix[i + half + 1] - prefix[i - half] - 0.5 * (z[i - half] + z[i + half])) / m;
      }
      values[phase][seen[phase]++] = z[i] - ma;
    }
    double[] weight = new double[cycles];
    for (int c = 0; c < cycles; c++) {
      double u = c / (double) cycles;
      weight[c] = Math.pow(1 - u * u * u, 3);
    }
    double[] median = new double[m];
    double[] deviations = new double[len];
    int nd = 0;
    for (int q = 0; q < m; q++) {
      median[q] = weightedMedian(values[q], weight, seen[q]);
      for (int c = 0; c < seen[q]; c++) {
        deviations[nd++] = Math.abs(values[q][c] - median[q]);
      }
    }
    double[] sorted = java.util.Arrays.copyOf(deviations, nd);
    java.util.Arrays.sort(sorted);
    double limit = nd == 0 ? 0 : OUTLIER_SCALES * 1.4826 * sorted[nd / 2];
    double[] p = new double[m];
    double mean = 0;
    for (int q = 0; q < m; q++) {
      double sum = 0;
      double w = 0;
      for (int c = 0; c < seen[q]; c++) {
        if (limit == 0 || Math.abs(values[q][c] - median[q]) <= limit) {
          sum += weight[c] * values[q][c];
          w += weight[c];
        }
      }
      p[q] = w > 0 ? sum / w : median[q];
      mean += p[q];
    }
    mean /= m;
    for (int q = 0; q < m; q++) {
      p[q] -= mean;
    }
    return p;
  }

  private static double weightedMedian(double[] v, double[] w, int count) {
    if (count == 0) {
      return 0;
    }
    // insertion sort of (value, weight) pairs: a phase holds at most a few dozen cycles
    double[] sv = new double[count];
    double[] sw = new double[count];
    double total = 0;
    for (int i = 0; i < count; i++) {
      double x = v[i];
      double wx = w[i];
      int j = i - 1;
      while (j >= 0 && sv[j] > x) {
        sv[j + 1] = sv[j];
        sw[j + 1] = sw[j];
        j--;
      }
      sv[j + 1] = x;
      sw[j + 1] = wx;
      total += wx;
    }
    double acc = 0;
    for (int i = 0; i < count; i++) {
      acc += sw[i];
      if (acc >= total / 2) {
        return sv[i];
      }
    }
    return sv[count - 1];
  }

  /** The seasonal part at index {@code i}: the sum of every period's profile at its phase. */
  double at(int i) {
    double s = 0;
    for (int j = 0; j < periods.length; j++) {
      s += profiles[j][i % periods[j]];
    }
    return s;
  }

  /** The periods that made it into the decomposition. */
  int[] periods() {
    return periods.clone();
  }
}
