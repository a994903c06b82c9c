package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesKey;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Sizes a {@link RangeQuery} against {@link QueryLimits} from the series it selects, before reading any cell. */
final class QuerySize {
  private QuerySize() {
  }

  static Future<Void> check(RangeQuery query, List<SeriesKey> series, QueryLimits limits) {
    return check(query, series, limits, Resolution.MINUTE);
  }

  /** Sizes the read at {@code resolution}: series × cells of that resolution in the windows. */
  static Future<Void> check(RangeQuery query, List<SeriesKey> series, QueryLimits limits, Resolution resolution) {
    StepWindows w = query.windows();
    long units = (w.endMs() - w.startMs()) / resolution.ms();
    String unit = resolution.name().toLowerCase(java.util.Locale.ROOT);
    long cells = multiply(series.size(), units);
    if (cells > limits.maxCells()) {
      return Future.failedFuture(QueryException.tooLarge("match", String.format(java.util.Locale.ROOT,
          "This query would read up to %,d %s cells (%,d series × %,d %ss), %,d over the limit of %,d "
              + "(rollup.query-max-cells); select fewer series with 'match' or shorten 'from'/'to' (at most %,d "
              + "%ss for %,d series).",
          cells, unit, series.size(), units, unit, cells - limits.maxCells(), limits.maxCells(),
          limits.maxCells() / Math.max(1, series.size()), unit, series.size()), cells, limits.maxCells()));
    }
    long groups = groups(query, series);
    long points = multiply(groups, w.count());
    if (points > limits.maxPoints()) {
      return Future.failedFuture(QueryException.tooLarge("step", String.format(java.util.Locale.ROOT,
          "This query would return up to %,d points (%,d %s × %,d windows), %,d over the limit of %,d "
              + "(rollup.query-max-points); raise 'step', shorten 'from'/'to' (at most %,d windows), %s.",
          points, groups, groups == 1 ? "group" : "groups", w.count(), points - limits.maxPoints(),
          limits.maxPoints(), limits.maxPoints() / Math.max(1, groups),
          query.by().isEmpty() ? "or select fewer series with 'match'"
              : "group 'by' fewer labels, or select fewer series with 'match'"), points, limits.maxPoints()));
    }
    return Future.succeededFuture();
  }

  /** Groups the result can have: distinct {@code by} projections (one group without {@code by}). */
  private static long groups(RangeQuery query, List<SeriesKey> series) {
    if (series.isEmpty()) {
      return 0;
    }
    if (query.by().isEmpty()) {
      return 1;
    }
    Set<Labels> distinct = new HashSet<>();
    for (SeriesKey k : series) {
      distinct.add(k.labels().filter(query.by()::contains));
    }
    return distinct.size();
  }

  private static long multiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
