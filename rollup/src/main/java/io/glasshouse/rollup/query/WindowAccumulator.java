package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.MinuteCell;

/**
 * Folds the minute cells of one step window of one group into a value.
 *
 * <p>Contract: {@link #add} receives the cells of one series contiguously and in ascending time, series after
 * series; {@code series} is an ordinal that changes when the series does. {@link #value()} is NaN when the
 * window has nothing to report (no point is emitted). Never mutates the cells.
 */
abstract class WindowAccumulator {

  abstract void add(MinuteCell cell, int series);

  abstract double value();

  static WindowAccumulator create(Aggregation aggregation, long stepMs) {
    return switch (aggregation.function()) {
      case INCREASE -> new CounterWindow(1.0);
      case RATE -> new CounterWindow(1000.0 / stepMs);
      case MIN, MAX, AVG, LAST -> new GaugeWindow(aggregation.function());
      case COUNT, SUM, QUANTILE, FRACTION_LE -> new HistogramWindow(aggregation);
    };
  }
}
