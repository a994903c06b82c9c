package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.MinuteCell;

/** {@code increase} (scale 1) and {@code rate} (scale 1 / step seconds): the sum of minute increases, scaled. */
final class CounterWindow extends WindowAccumulator {
  private final double scale;
  private double increase;

  CounterWindow(double scale) {
    this.scale = scale;
  }

  @Override
  void add(MinuteCell cell, int series) {
    increase += cell.increase();
  }

  @Override
  double value() {
    return increase * scale;
  }
}
