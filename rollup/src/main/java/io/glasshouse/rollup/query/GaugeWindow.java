package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.MinuteCell;

/**
 * Gauge functions over a window. Minutes with no readings ({@code count == 0}) are ignored. {@code last} takes,
 * per series, the last reading of its newest minute in the window and sums those over the group's series (for
 * one series: simply its last reading), like PromQL {@code sum(last_over_time(…))}.
 */
final class GaugeWindow extends WindowAccumulator {
  private final QueryFunction function;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private long count;
  private double lastOfEarlierSeries;
  private double lastOfCurrentSeries = Double.NaN;
  private int currentSeries = -1;

  GaugeWindow(QueryFunction function) {
    this.function = function;
  }

  @Override
  void add(MinuteCell cell, int series) {
    if (cell.count() <= 0) {
      return;
    }
    min = Math.min(min, cell.min());
    max = Math.max(max, cell.max());
    sum += cell.sum();
    count += cell.count();
    if (series != currentSeries) {
      if (currentSeries >= 0) {
        lastOfEarlierSeries += lastOfCurrentSeries;
      }
      currentSeries = series;
    }
    lastOfCurrentSeries = cell.last();
  }

  @Override
  double value() {
    if (count == 0) {
      return Double.NaN;
    }
    return switch (function) {
      case MIN -> min;
      case MAX -> max;
      case AVG -> sum / count;
      case LAST -> lastOfEarlierSeries + lastOfCurrentSeries;
      default -> throw new IllegalStateException(function + " is not a gauge function");
    };
  }
}
