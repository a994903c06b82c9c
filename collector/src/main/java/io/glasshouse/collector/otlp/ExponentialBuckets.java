package io.glasshouse.collector.otlp;

import io.glasshouse.collector.validate.Counts;
import io.glasshouse.rollup.sample.Buckets;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;

/**
 * OTLP exponential histogram buckets as explicit upper bounds.
 *
 * <p>At scale {@code s} the base is {@code 2^(2^-s)} and positive bucket {@code index} holds values in
 * {@code (base^index, base^(index+1)]}, so its upper bound is {@code base^(index+1)}. The zero bucket becomes
 * the lowest bucket with upper bound {@code zero_threshold}; negative buckets are folded into it (latency is
 * never negative; a negative value is better counted as "fast" than lost). There is no overflow: the last
 * bucket's bound covers the largest value, so the overflow count is 0.
 */
final class ExponentialBuckets {
  private ExponentialBuckets() {
  }

  /** The buckets of {@code p}, bounds and sum multiplied by {@code factor} (unit to seconds). */
  static Buckets of(ExponentialHistogramDataPoint p, double factor) {
    var positive = p.getPositive();
    long[] counts = new long[positive.getBucketCountsCount()];
    for (int j = 0; j < counts.length; j++) {
      counts[j] = positive.getBucketCounts(j);
    }
    long negative = 0;
    for (int i = 0; i < p.getNegative().getBucketCountsCount(); i++) {
      negative = Counts.add(negative, p.getNegative().getBucketCounts(i));
    }
    return of(counts, counts.length, positive.getOffset(), negative, p.getZeroCount(), p.getZeroThreshold(),
        p.getScale(), p.getCount(), p.hasSum(), p.getSum(), factor);
  }

  /**
   * The same from the point's fields: the first {@code n} of {@code positiveCounts} at {@code offset}, the
   * negative buckets' total {@code negative} (as {@link Counts#add} sums them), and the rest as the point has
   * them ({@code sum} only when {@code hasSum}).
   */
  static Buckets of(long[] positiveCounts, int n, int offset, long negative, long zeroCount, double zeroThreshold,
      int scale, long count, boolean hasSum, double sum, double factor) {
    double zeroBound = Math.max(0, zeroThreshold) * factor;
    long zero = Counts.add(zeroCount, negative);
    double[] bounds = new double[n + 1];
    long[] counts = new long[n + 2];
    bounds[0] = zeroBound;
    counts[0] = zero;
    for (int j = 0; j < n; j++) {
      bounds[j + 1] = upperBound(offset + j, scale) * factor;
      counts[j + 1] = positiveCounts[j];
    }
    if (n > 0 && bounds[1] <= bounds[0]) {
      // A zero threshold reaching into the first populated bucket: count the zero bucket there.
      counts[1] = Counts.add(counts[1], counts[0]);
      bounds = java.util.Arrays.copyOfRange(bounds, 1, bounds.length);
      counts = java.util.Arrays.copyOfRange(counts, 1, counts.length);
    }
    return new Buckets(bounds, counts, count, hasSum ? sum * factor : 0);
  }

  /** {@code base^(index+1)} with {@code base = 2^(2^-scale)}, computed as one power of two. */
  static double upperBound(long index, int scale) {
    return Math.pow(2, Math.scalb((double) (index + 1), -scale));
  }
}
