package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.SeriesKey;

/** A rollup series and the id the engine gave it. */
public record StoredSeries(long id, SeriesKey key) {
}
