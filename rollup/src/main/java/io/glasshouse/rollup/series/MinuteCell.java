package io.glasshouse.rollup.series;

import org.HdrHistogram.Histogram;

/**
 * One UTC minute of one rollup series, merged across every instance of the service.
 *
 * <p>Which fields carry meaning depends on the series kind: a counter uses {@code increase} (the sum of every
 * instance's increase in the minute); a gauge uses {@code min}, {@code max}, {@code sum}, {@code count} (number
 * of readings) and {@code last}; a histogram uses {@code count}, {@code sum} (seconds) and {@code histogram}
 * (values in millionths of their unit, microseconds for seconds, see {@link LatencyHistograms}). Immutable: the histogram must not be changed by
 * readers.
 */
public record MinuteCell(long minuteMs, double increase, double min, double max, double sum, long count, double last,
    Histogram histogram) {

  public double average() {
    return count == 0 ? Double.NaN : sum / count;
  }
}
