package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;

/**
 * One UTC minute of one rollup series, merged across every instance of the service.
 *
 * <p>Which fields carry meaning depends on the series kind: a counter uses {@code increase} (the sum of every
 * instance's increase in the minute); a gauge uses {@code min}, {@code max}, {@code sum}, {@code count} (number
 * of readings), {@code last} (the newest single reading of any instance) and {@code lasts} (each instance's last
 * reading, whose {@link InstanceLasts#sum()} is the fleet's value; null in cells written before it was kept); a
 * histogram uses {@code count}, {@code sum} (seconds) and {@code histogram} (values in millionths of their unit,
 * microseconds for seconds, see {@link LatencyHistograms}). Immutable: the histogram must not be changed by
 * readers.
 */
public record MinuteCell(long minuteMs, double increase, double min, double max, double sum, long count, double last,
    Histogram histogram, InstanceLasts lasts) {

  /** A cell without per-instance last readings (counters, histograms, and gauges of older data folders). */
  public MinuteCell(long minuteMs, double increase, double min, double max, double sum, long count, double last,
      Histogram histogram) {
    this(minuteMs, increase, min, max, sum, count, last, histogram, null);
  }

  public double average() {
    return count == 0 ? Double.NaN : sum / count;
  }
}
