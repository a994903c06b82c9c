package io.glasshouse.collector.validate;

/**
 * Adding counts while decoders merge buckets, without wrapping around. The validator then refuses whatever is
 * out of range ({@link Reasons#COUNT_OUT_OF_RANGE}), so a merge can never turn two bad counts into a good one.
 */
public final class Counts {
  private Counts() {
  }

  /**
   * {@code a + b} for counts: negative when either term is negative (a protobuf {@code uint64} above 2^63 reads
   * as a negative {@code long}), {@link Long#MAX_VALUE} when the sum overflows.
   */
  public static long add(long a, long b) {
    if (a < 0 || b < 0) {
      return Math.min(a, b);
    }
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
