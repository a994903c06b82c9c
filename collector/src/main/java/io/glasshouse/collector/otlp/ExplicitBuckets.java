package io.glasshouse.collector.otlp;

import io.glasshouse.collector.validate.Counts;
import io.glasshouse.rollup.sample.Buckets;

/**
 * OTLP explicit-bucket histogram points as {@link Buckets}: a trailing {@code +Inf} bound is dropped (its count
 * goes to the overflow bucket), bounds and sum are multiplied by the unit's factor to seconds, and a point
 * without buckets is one overflow bucket holding {@code count}. Shared by both OTLP decoders.
 */
final class ExplicitBuckets {
  private ExplicitBuckets() {
  }

  /**
   * The buckets of the first {@code k} {@code counts} and {@code m} {@code bounds}, or null when {@code k} is
   * neither 0 nor {@code m + 1} (see {@link #mismatch}).
   */
  static Buckets of(double[] bounds, int m, long[] counts, int k, long count, boolean hasSum, double sum,
      double factor) {
    double[] upper;
    long[] per;
    if (k == 0) {
      upper = new double[0];
      per = new long[] {count};
    } else if (k != m + 1) {
      return null;
    } else {
      int finite = m > 0 && bounds[m - 1] == Double.POSITIVE_INFINITY ? m - 1 : m;
      upper = new double[finite];
      per = new long[finite + 1];
      for (int i = 0; i < finite; i++) {
        upper[i] = bounds[i] * factor;
      }
      for (int i = 0; i < k; i++) {
        per[Math.min(i, finite)] = Counts.add(per[Math.min(i, finite)], counts[i]);
      }
    }
    return new Buckets(upper, per, count, hasSum ? sum * factor : 0);
  }

  /** The refusal of a point whose counts do not match its bounds. */
  static String mismatch(int k, int m) {
    return "has " + k + " bucket_counts for " + m + " explicit_bounds; send one more count than bounds";
  }
}
