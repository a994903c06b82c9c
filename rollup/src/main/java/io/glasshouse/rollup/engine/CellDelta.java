package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.series.InstanceLasts;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import org.HdrHistogram.Histogram;

/**
 * What one series gained in one minute since the last checkpoint. Mutable; owned by the writer thread until a
 * checkpoint detaches it.
 */
final class CellDelta {
  /**
   * A bucket's count is recorded as at most this many evenly spaced points (one per observation when fewer),
   * the last at the bucket's upper bound, so interpolating between recorded points (see
   * {@link LatencyHistograms#quantileMicros}) follows the bucket's linear interpolation to within 1/32 of its
   * width.
   */
  private static final int SPREAD_POINTS = 32;
  /**
   * The most observations one minute of one histogram series holds in memory: 2^53, exact as a double. Counts
   * beyond it are scaled down (the distribution's shape kept) rather than wrapping negative. The store merges at
   * most one such delta per checkpoint into a minute, far below {@link Long#MAX_VALUE} within any late window.
   */
  static final long MAX_COUNT = 1L << 53;

  final long minuteMs;
  double increase;
  double min = Double.NaN;
  double max = Double.NaN;
  double sum;
  long count;
  double last = Double.NaN;
  long lastTs = Long.MIN_VALUE;
  Histogram histogram;
  /** Each instance's last gauge reading (see {@link InstanceLasts}); null until a gauge reading arrives. */
  InstanceLasts.Builder lasts;
  /** The copy the last read snapshot holds, or null when the cell changed since (see {@link RollupSeries#cell}). */
  io.glasshouse.rollup.store.CellRow published;

  CellDelta(long minuteMs) {
    this.minuteMs = minuteMs;
  }

  /** Adds a counter increase; negative or non-finite ones add nothing, and the total saturates. */
  void addIncrease(double d) {
    if (d > 0) {
      increase = Math.min(increase + d, Double.MAX_VALUE);
    }
  }

  /** A gauge reading of {@code instance} (null when the sample has no instance label). */
  void addGauge(String instance, double v, long ts) {
    if (lasts == null) {
      lasts = new InstanceLasts.Builder();
    }
    lasts.put(instance, v, ts);
    min = Double.isNaN(min) ? v : Math.min(min, v);
    max = Double.isNaN(max) ? v : Math.max(max, v);
    sum += v;
    count++;
    if (ts >= lastTs) {
      last = v;
      lastTs = ts;
    }
  }

  /**
   * Folds bucket counts into the HdrHistogram. Each bucket's observations lie in (lower, upper]; they are
   * recorded spread evenly over that interval (up to {@value #SPREAD_POINTS} points, the last at the upper
   * bound, the count divided as evenly as whole numbers allow), so percentiles interpolate inside buckets like
   * Prometheus while "fraction at or below a bucket bound" stays exact. Overflow observations are recorded just
   * above the last finite bound. Returns false when the minute would exceed {@link #MAX_COUNT} observations and
   * the buckets were scaled down to fit.
   */
  boolean addBuckets(Buckets b) {
    if (histogram == null) {
      histogram = LatencyHistograms.create();
    }
    long room = MAX_COUNT - count;
    if (room <= 0) {
      return false;
    }
    double scale = b.count() > room ? (double) room / b.count() : 1;
    double[] ub = b.upperBounds();
    long[] counts = b.counts();
    long added = 0;
    double lower = 0;
    for (int i = 0; i < ub.length; i++) {
      long c = scaled(counts[i], scale, room - added);
      record(lower, ub[i], c);
      added += c;
      lower = Math.max(lower, ub[i]);
    }
    long overflow = scaled(counts[ub.length], scale, room - added);
    if (overflow > 0) {
      long at = ub.length == 0 ? LatencyHistograms.toMicros(b.count() == 0 ? 0 : b.sum() / b.count())
          : histogram.nextNonEquivalentValue(LatencyHistograms.toMicros(lower));
      histogram.recordValueWithCount(Math.min(at, LatencyHistograms.HIGHEST_US), overflow);
      added += overflow;
    }
    count += added;
    sum += b.sum() * scale;
    return scale == 1;
  }

  private static long scaled(long c, double scale, long room) {
    long s = scale == 1 ? c : (long) Math.floor(c * scale);
    return Math.max(0, Math.min(s, room));
  }

  /** Adds the increase of a classic histogram's {@code _sum} part, which arrives apart from its buckets. */
  void addHistogramSum(double increase) {
    sum += increase;
  }

  private void record(double lower, double upper, long c) {
    if (c <= 0) {
      return;
    }
    int points = (int) Math.min(c, SPREAD_POINTS);
    long before = 0;
    for (int j = 1; j <= points; j++) {
      double v = lower + (upper - lower) * j / points;
      long upTo = (long) Math.floor((double) c * j / points); // evenly: the remainder is spread too
      if (j == points) {
        upTo = c;
      }
      histogram.recordValueWithCount(LatencyHistograms.toMicros(v), upTo - before);
      before = upTo;
    }
  }

  void mergeFrom(MinuteCell c, long cLastTs) {
    increase += c.increase();
    if (!Double.isNaN(c.min())) {
      min = Double.isNaN(min) ? c.min() : Math.min(min, c.min());
    }
    if (!Double.isNaN(c.max())) {
      max = Double.isNaN(max) ? c.max() : Math.max(max, c.max());
    }
    sum += c.sum();
    count = saturatedAdd(count, c.count());
    if (cLastTs >= lastTs && !Double.isNaN(c.last())) {
      last = c.last();
      lastTs = cLastTs;
    }
    if (c.lasts() != null) {
      if (lasts == null) {
        lasts = new InstanceLasts.Builder();
      }
      lasts.addAll(c.lasts());
    }
    if (c.histogram() != null) {
      if (histogram == null) {
        histogram = LatencyHistograms.create();
      }
      histogram.add(c.histogram());
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /** An immutable view; the histogram is copied so the caller may keep it while this delta changes. */
  MinuteCell toCell(boolean copyHistogram) {
    Histogram h = histogram == null ? null : copyHistogram ? histogram.copy() : histogram;
    return new MinuteCell(minuteMs, increase, min, max, sum, count, last, h, lasts == null ? null : lasts.build());
  }
}
