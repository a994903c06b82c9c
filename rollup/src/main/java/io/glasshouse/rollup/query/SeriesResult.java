package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
import java.util.List;

/**
 * One result series: the group's labels (only the {@code by} labels; empty when not grouped) and its points in
 * ascending time. A window without data has no point.
 */
public record SeriesResult(Labels labels, List<Point> points) {
  public SeriesResult {
    points = List.copyOf(points);
  }

  /** A value at the end of a step window; the value is finite. */
  public record Point(long timeMs, double value) {
  }
}
