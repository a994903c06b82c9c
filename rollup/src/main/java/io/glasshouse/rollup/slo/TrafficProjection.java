package io.glasshouse.rollup.slo;

/** Projected total events of an SLO per future minute (from a forecast); thread-safe. */
public interface TrafficProjection {
  /** Events expected in the minute starting at {@code minuteMs}; never negative. */
  double eventsPerMinute(long minuteMs);

  /** What the projection is (model name), for the report's notes. */
  String describe();

  /** The forecast model that made it (e.g. {@code seasonal-naive}), or null when it is not a model's forecast. */
  default String model() {
    return null;
  }

  /** The same forecast at the lower bound of its 80% interval, or null when it has no interval. */
  default TrafficProjection lower80() {
    return null;
  }

  /** The same forecast at the upper bound of its 80% interval, or null when it has no interval. */
  default TrafficProjection upper80() {
    return null;
  }
}
