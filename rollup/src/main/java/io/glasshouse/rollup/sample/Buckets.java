package io.glasshouse.rollup.sample;

import java.util.Arrays;

/**
 * A bucketed distribution as instruments report it: explicit upper bounds (seconds for latency) with the
 * count in each bucket (not cumulative), the total count and the sum of values.
 *
 * <p>Contract: {@code upperBounds} is strictly increasing and finite; {@code counts.length ==
 * upperBounds.length + 1}, the last count being the overflow bucket above the last bound (Prometheus
 * {@code le="+Inf"} minus the last finite bucket). {@code count} equals the sum of {@code counts}.
 * Decoders convert Prometheus cumulative {@code le} buckets, OTLP explicit bounds and OTLP exponential
 * buckets into this form. Arrays are owned by the instance and must not be changed after construction.
 */
public record Buckets(double[] upperBounds, long[] counts, long count, double sum) {
  public Buckets {
    if (counts.length != upperBounds.length + 1) {
      throw new IllegalArgumentException("counts must have one more entry than upperBounds (the overflow bucket)");
    }
  }

  /** Bucket-wise difference {@code this - earlier}, or null when the bounds differ or any bucket decreased. */
  public Buckets minus(Buckets earlier) {
    if (!Arrays.equals(upperBounds, earlier.upperBounds) || count < earlier.count) {
      return null;
    }
    long[] d = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      d[i] = counts[i] - earlier.counts[i];
      if (d[i] < 0) {
        return null;
      }
    }
    return new Buckets(upperBounds, d, count - earlier.count, sum - earlier.sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Buckets b && count == b.count && Double.compare(sum, b.sum) == 0
        && Arrays.equals(upperBounds, b.upperBounds) && Arrays.equals(counts, b.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(upperBounds) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "Buckets{bounds=" + Arrays.toString(upperBounds) + ", counts=" + Arrays.toString(counts)
        + ", count=" + count + ", sum=" + sum + '}';
  }
}
