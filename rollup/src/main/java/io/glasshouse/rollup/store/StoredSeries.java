package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.SeriesKey;

/**
 * A rollup series and the id the engine gave it.
 *
 * @param lastMinuteMs the newest minute the store holds cells for, {@link Long#MIN_VALUE} when it holds none
 *     or does not say; the engine retires series whose newest minute left the retention
 */
public record StoredSeries(long id, SeriesKey key, long lastMinuteMs) {

  /** A series whose newest minute is not known. */
  public StoredSeries(long id, SeriesKey key) {
    this(id, key, Long.MIN_VALUE);
  }
}
