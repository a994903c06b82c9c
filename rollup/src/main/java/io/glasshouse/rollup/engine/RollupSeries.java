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
  /** Dirty cells by minute once there are more than {@link #INDEX_FROM} (a backfill touches thousands). */
  private java.util.Map<Long, CellDelta> index;
  private static final int INDEX_FROM = 16;
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

  /**
   * The dirty cell of {@code minuteMs}, created if needed, for the caller to change: its published copy is
   * dropped, so the next snapshot copies it again (unchanged cells keep theirs).
   */
  CellDelta cell(long minuteMs) {
    if (minuteMs > lastMinuteMs) {
      lastMinuteMs = minuteMs;
    }
    CellDelta c = find(minuteMs);
    if (c == null) {
      c = new CellDelta(minuteMs);
      dirty.add(c);
      if (index != null) {
        index.put(minuteMs, c);
      } else if (dirty.size() > INDEX_FROM) {
        index = new java.util.HashMap<>();
        for (CellDelta d : dirty) {
          index.put(d.minuteMs, d);
        }
      }
    }
    c.published = null;
    return c;
  }

  private CellDelta find(long minuteMs) {
    if (index != null) {
      return index.get(minuteMs);
    }
    for (int i = dirty.size() - 1; i >= 0; i--) {
      CellDelta c = dirty.get(i);
      if (c.minuteMs == minuteMs) {
        return c;
      }
    }
    return null;
  }

  /** A checkpoint took the dirty cells: start a new list. */
  void detach() {
    dirty = new ArrayList<>(2);
    index = null;
  }
}
