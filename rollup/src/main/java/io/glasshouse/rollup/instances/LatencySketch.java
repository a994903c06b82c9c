package io.glasshouse.rollup.instances;

import io.glasshouse.rollup.sample.Buckets;

/**
 * A compact latency histogram for one instance and minute: {@value #BUCKETS} logarithmic buckets, three per
 * doubling (bounds {@code 100 µs × 2^(i/3)}, up to about 210 s), plus one bucket above. Counts are floats (exact
 * up to 2^24 observations per bucket and minute; fractional where bucketed input is spread), so a minute costs
 * {@value #BUCKETS} × 4 + 16 bytes. Quantiles are accurate to within one bucket (26% wide), interpolated linearly
 * inside it, which is plenty to tell an instance twice as slow as its peers; the exact latency of a service stays
 * in its HdrHistogram rollups.
 *
 * <p>Bucketed input ({@link Buckets}) is spread over the sketch's buckets in proportion to how much of each input
 * bucket's range they cover (the uniform-density assumption of Prometheus's {@code histogram_quantile}); the
 * overflow bucket above the last input bound counts at that bound. Static helpers over {@code float[]}: the
 * caller owns the arrays.
 */
public final class LatencySketch {
  /** Buckets of one sketch, the last one unbounded above. */
  public static final int BUCKETS = 65;
  static final double LOWEST = 1e-4;
  private static final double PER_DOUBLING = 3;
  private static final double[] BOUNDS = new double[BUCKETS - 1];

  static {
    for (int i = 0; i < BOUNDS.length; i++) {
      BOUNDS[i] = LOWEST * Math.pow(2, i / PER_DOUBLING);
    }
  }

  private LatencySketch() {
  }

  /** A new, empty sketch. */
  public static float[] create() {
    return new float[BUCKETS];
  }

  /** Upper bound of bucket {@code i} in seconds ({@code +Inf} for the last). */
  static double upper(int i) {
    return i < BOUNDS.length ? BOUNDS[i] : Double.POSITIVE_INFINITY;
  }

  /** Lower bound of bucket {@code i} in seconds (0 for the first). */
  static double lower(int i) {
    return i == 0 ? 0 : BOUNDS[i - 1];
  }

  /** The bucket a value in seconds falls into: the first whose upper bound is at or above it. */
  static int index(double seconds) {
    if (!(seconds > LOWEST)) {
      return 0;
    }
    int i = (int) Math.ceil(Math.log(seconds / LOWEST) / Math.log(2) * PER_DOUBLING - 1e-9);
    if (i >= BOUNDS.length) {
      return BOUNDS.length;
    }
    while (i > 0 && BOUNDS[i - 1] >= seconds) {
      i--;
    }
    while (i < BOUNDS.length && BOUNDS[i] < seconds) {
      i++;
    }
    return i;
  }

  /** Adds bucketed observations (an increase) to {@code sketch}. */
  public static void add(float[] sketch, Buckets b) {
    double[] bounds = b.upperBounds();
    long[] counts = b.counts();
    double lowerBound = 0;
    for (int k = 0; k < counts.length; k++) {
      long c = counts[k];
      if (k == bounds.length) {
        if (c > 0) {
          sketch[index(bounds.length == 0 ? LOWEST : bounds[bounds.length - 1])] += c;
        }
        break;
      }
      double upperBound = bounds[k];
      if (c > 0) {
        spread(sketch, Math.max(0, lowerBound), upperBound, c);
      }
      lowerBound = upperBound;
    }
  }

  private static void spread(float[] sketch, double lo, double hi, long c) {
    int first = index(lo <= 0 ? 0 : lo);
    int last = index(hi);
    if (first == last || hi <= lo) {
      sketch[last] += c;
      return;
    }
    double width = hi - lo;
    for (int i = first; i <= last; i++) {
      double a = Math.max(lo, lower(i));
      double z = Math.min(hi, upper(i));
      if (z > a) {
        sketch[i] += (float) (c * (z - a) / width);
      }
    }
  }

  /** Adds {@code from} into {@code into}. */
  public static void merge(float[] into, float[] from) {
    for (int i = 0; i < BUCKETS; i++) {
      into[i] += from[i];
    }
  }

  /** Observations in the sketch. */
  public static double count(float[] sketch) {
    double n = 0;
    for (float f : sketch) {
      n += f;
    }
    return n;
  }

  /**
   * The value at quantile {@code q} (0..1) in seconds, interpolated linearly inside the bucket the rank falls
   * into; the unbounded top bucket answers its lower bound. NaN for an empty sketch.
   */
  public static double quantile(float[] sketch, double q) {
    double total = count(sketch);
    if (!(total > 0)) {
      return Double.NaN;
    }
    double rank = Math.max(0, Math.min(1, q)) * total;
    double below = 0;
    for (int i = 0; i < BUCKETS; i++) {
      double c = sketch[i];
      if (c > 0 && below + c >= rank) {
        if (i == BUCKETS - 1) {
          return lower(i);
        }
        double into = Math.max(0, rank - below) / c;
        return lower(i) + (upper(i) - lower(i)) * into;
      }
      below += c;
    }
    return lower(BUCKETS - 1);
  }
}
