package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import org.HdrHistogram.Histogram;

/**
 * What one series gained in one minute since the last checkpoint. Mutable; owned by the writer thread until a
 * checkpoint detaches it.
 */
final class CellDelta {
  /** Bucket counts at or below this are recorded at the bucket's upper bound; larger ones spread inside it. */
  private static final int SPREAD_POINTS = 8;

  final long minuteMs;
  double increase;
  double min = Double.NaN;
  double max = Double.NaN;
  double sum;
  long count;
  double last = Double.NaN;
  long lastTs = Long.MIN_VALUE;
  Histogram histogram;

  CellDelta(long minuteMs) {
    this.minuteMs = minuteMs;
  }

  void addIncrease(double d) {
    increase += d;
  }

  void addGauge(double v, long ts) {
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
   * bound), so percentiles interpolate inside buckets like Prometheus while "fraction at or below a bucket
   * bound" stays exact. Overflow observations are recorded just above the last finite bound.
   */
  void addBuckets(Buckets b) {
    if (histogram == null) {
      histogram = LatencyHistograms.create();
    }
    double[] ub = b.upperBounds();
    long[] counts = b.counts();
    double lower = 0;
    for (int i = 0; i < ub.length; i++) {
      record(lower, ub[i], counts[i]);
      lower = Math.max(lower, ub[i]);
    }
    long overflow = counts[ub.length];
    if (overflow > 0) {
      long at = ub.length == 0 ? LatencyHistograms.toMicros(b.count() == 0 ? 0 : b.sum() / b.count())
          : histogram.nextNonEquivalentValue(LatencyHistograms.toMicros(lower));
      histogram.recordValueWithCount(Math.min(at, LatencyHistograms.HIGHEST_US), overflow);
    }
    count += b.count();
    sum += b.sum();
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
    long each = c / points;
    long extra = c % points;
    for (int j = 1; j <= points; j++) {
      double v = lower + (upper - lower) * j / points;
      long n = each + (j == points ? extra : 0);
      histogram.recordValueWithCount(LatencyHistograms.toMicros(v), n);
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
    count += c.count();
    if (cLastTs >= lastTs && !Double.isNaN(c.last())) {
      last = c.last();
      lastTs = cLastTs;
    }
    if (c.histogram() != null) {
      if (histogram == null) {
        histogram = LatencyHistograms.create();
      }
      histogram.add(c.histogram());
    }
  }

  /** An immutable view; the histogram is copied so the caller may keep it while this delta changes. */
  MinuteCell toCell(boolean copyHistogram) {
    Histogram h = histogram == null ? null : copyHistogram ? histogram.copy() : histogram;
    return new MinuteCell(minuteMs, increase, min, max, sum, count, last, h);
  }
}
