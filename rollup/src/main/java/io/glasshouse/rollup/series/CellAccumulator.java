package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;

/**
 * Merges cells into one: the fold that turns minute cells into an hour or day cell, and that adds a checkpoint's
 * delta to a stored cell. Counter increases, gauge sums and counts add (counts saturate at
 * {@link Long#MAX_VALUE}); min and max combine; {@code last} keeps the reading with the latest timestamp (a later
 * one wins a tie, so cells added in time order keep the newest); per-instance last readings merge as
 * {@link InstanceLasts} describes; histograms merge exactly into a fresh
 * {@link LatencyHistograms#create() latency histogram}. Not thread-safe; the merged inputs are not changed.
 */
public final class CellAccumulator {
  private double increase;
  private double min = Double.NaN;
  private double max = Double.NaN;
  private double sum;
  private long count;
  private double last = Double.NaN;
  private long lastTs = Long.MIN_VALUE;
  private Histogram histogram;
  private InstanceLasts.Builder lasts;

  /** Adds {@code c}, whose {@code last} reading was taken at {@code cLastTs}. */
  public CellAccumulator add(MinuteCell c, long cLastTs) {
    increase += c.increase();
    if (!Double.isNaN(c.min())) {
      min = Double.isNaN(min) ? c.min() : Math.min(min, c.min());
    }
    if (!Double.isNaN(c.max())) {
      max = Double.isNaN(max) ? c.max() : Math.max(max, c.max());
    }
    sum += c.sum();
    long r = count + c.count();
    count = ((count ^ r) & (c.count() ^ r)) < 0 ? Long.MAX_VALUE : r;
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
    return this;
  }

  /** The timestamp of the {@code last} reading kept, {@link Long#MIN_VALUE} when none. */
  public long lastTs() {
    return lastTs;
  }

  /** The merged cell, starting at {@code startMs}; it takes this accumulator's histogram (do not add more). */
  public MinuteCell toCell(long startMs) {
    return new MinuteCell(startMs, increase, min, max, sum, count, last, histogram, lasts == null ? null : lasts.build());
  }
}
