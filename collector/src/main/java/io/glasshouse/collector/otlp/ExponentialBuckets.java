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
    int n = positive.getBucketCountsCount();
    long negative = 0;
    for (int i = 0; i < p.getNegative().getBucketCountsCount(); i++) {
      negative = Counts.add(negative, p.getNegative().getBucketCounts(i));
    }
    double zeroBound = Math.max(0, p.getZeroThreshold()) * factor;
    long zeroCount = Counts.add(p.getZeroCount(), negative);
    double[] bounds = new double[n + 1];
    long[] counts = new long[n + 2];
    bounds[0] = zeroBound;
    counts[0] = zeroCount;
    for (int j = 0; j < n; j++) {
      bounds[j + 1] = upperBound(positive.getOffset() + j, p.getScale()) * factor;
      counts[j + 1] = positive.getBucketCounts(j);
    }
    if (n > 0 && bounds[1] <= bounds[0]) {
      // A zero threshold reaching into the first populated bucket: count the zero bucket there.
      counts[1] = Counts.add(counts[1], counts[0]);
      bounds = java.util.Arrays.copyOfRange(bounds, 1, bounds.length);
      counts = java.util.Arrays.copyOfRange(counts, 1, counts.length);
    }
    double sum = p.hasSum() ? p.getSum() * factor : 0;
    return new Buckets(bounds, counts, p.getCount(), sum);
  }

  /** {@code base^(index+1)} with {@code base = 2^(2^-scale)}, computed as one power of two. */
  static double upperBound(long index, int scale) {
    return Math.pow(2, Math.scalb((double) (index + 1), -scale));
  }
}
