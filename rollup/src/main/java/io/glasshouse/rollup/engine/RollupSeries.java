package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.series.SeriesKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A service rollup series in memory: its id, the minutes it changed since the last checkpoint, the newest
 * minute it has data for, and how many instance series feed it. A series with no instance series and no data
 * within the retention is retired (see {@link FleetSweep}), so label churn does not use up the series limits.
 */
final class RollupSeries {
  final long id;
  final SeriesKey key;
  /** Changed minutes, usually one or two; searched from the end. */
  List<CellDelta> dirty = new ArrayList<>(2);
  boolean persisted;
  /** The newest minute with data (ms), {@link Long#MIN_VALUE} when unknown. */
  long lastMinuteMs = Long.MIN_VALUE;
  /** Instance series currently feeding this series. */
  int instanceSeries;
  /** Minutes changed since the last read snapshot ({@link RollupState#takeTouched()}). */
  boolean touched;
  /** Listed in the last read snapshot's view of its service ({@link SnapshotPublisher}). */
  boolean indexed;

  RollupSeries(long id, SeriesKey key, boolean persisted) {
    this.id = id;
    this.key = key;
    this.persisted = persisted;
  }

  CellDelta cell(long minuteMs) {
    if (minuteMs > lastMinuteMs) {
      lastMinuteMs = minuteMs;
    }
    for (int i = dirty.size() - 1; i >= 0; i--) {
      CellDelta c = dirty.get(i);
      if (c.minuteMs == minuteMs) {
        return c;
      }
    }
    CellDelta c = new CellDelta(minuteMs);
    dirty.add(c);
    return c;
  }
}
