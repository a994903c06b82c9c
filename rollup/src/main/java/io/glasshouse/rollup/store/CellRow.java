package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.MinuteCell;

/** A minute cell of one series with the timestamp of its {@code last} reading, so merges keep the latest. */
public record CellRow(long seriesId, MinuteCell cell, long lastTs) {
}
