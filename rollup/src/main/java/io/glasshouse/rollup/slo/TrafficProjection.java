package io.glasshouse.rollup.slo;

/** Projected total events of an SLO per future minute (from a forecast); thread-safe. */
public interface TrafficProjection {
  /** Events expected in the minute starting at {@code minuteMs}; never negative. */
  double eventsPerMinute(long minuteMs);

  /** What the projection is (model name), for the report's notes. */
  String describe();
}
