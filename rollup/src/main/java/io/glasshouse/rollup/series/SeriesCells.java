package io.glasshouse.rollup.series;

import java.util.List;

/** A rollup series and its minutes in ascending time order, as read for a query. */
public record SeriesCells(SeriesKey key, List<MinuteCell> cells) {
}
