package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.InstanceLasts;
import io.glasshouse.rollup.series.MinuteCell;

/**
 * Gauge functions over a window. Minutes with no readings ({@code count == 0}) are ignored. {@code last} takes,
 * per series, each instance's last reading in the window among the instances that reported in the series' newest
 * minute with data, and sums those over the instances and the group's series: the fleet's value, like PromQL
 * {@code sum(last_over_time(g[1m]))} (see {@link InstanceLasts}). Cells stored before per-instance readings were
 * kept ({@code lasts == null}) give their newest single reading instead, as they always did.
 */
final class GaugeWindow extends WindowAccumulator {
  private final QueryFunction function;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double sum;
  private long count;
  private double lastOfEarlierSeries;
  private int currentSeries = -1;
  /** The current series' per-instance readings so far, and whether its newest cell had them. */
  private InstanceLasts.Builder seriesLasts;
  private boolean newestHasLasts;
  private double newestLast = Double.NaN;

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
    if (function != QueryFunction.LAST) {
      return;
    }
    if (series != currentSeries) {
      if (currentSeries >= 0) {
        lastOfEarlierSeries += lastOfCurrentSeries();
      }
      currentSeries = series;
      seriesLasts = new InstanceLasts.Builder();
    }
    newestLast = cell.last();
    newestHasLasts = cell.lasts() != null;
    seriesLasts.addAll(cell.lasts());
  }

  private double lastOfCurrentSeries() {
    if (newestHasLasts) {
      InstanceLasts l = seriesLasts.build();
      return l == null ? Double.NaN : l.sum();
    }
    return newestLast;
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
      case LAST -> lastOfEarlierSeries + lastOfCurrentSeries();
      default -> throw new IllegalStateException(function + " is not a gauge function");
    };
  }
}
