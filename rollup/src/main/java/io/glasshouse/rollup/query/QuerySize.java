package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
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
    StepWindows w = query.windows();
    long minutes = (w.endMs() - w.startMs()) / StepWindows.MINUTE_MS;
    long cells = multiply(series.size(), minutes);
    if (cells > limits.maxCells()) {
      return Future.failedFuture(QueryException.tooLarge("match", String.format(java.util.Locale.ROOT,
          "This query would read up to %,d minute cells (%,d series × %,d minutes), %,d over the limit of %,d "
              + "(rollup.query-max-cells); select fewer series with 'match' or shorten 'from'/'to' (at most %,d "
              + "minutes for %,d series).",
          cells, series.size(), minutes, cells - limits.maxCells(), limits.maxCells(),
          limits.maxCells() / Math.max(1, series.size()), series.size()), cells, limits.maxCells()));
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
