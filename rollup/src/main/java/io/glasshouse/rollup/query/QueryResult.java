package io.glasshouse.rollup.query;

import java.util.List;

/**
 * The answer to a {@link RangeQuery}: one {@link SeriesResult} per group, in label order. Immutable.
 *
 * @param fn the function name as asked ({@code p99}, {@code quantile}, …)
 * @param fromMs start of the first step window (the requested {@code from} floored to the step grid)
 * @param toMs end of the last step window
 */
public record QueryResult(String service, String metric, String fn, long fromMs, long toMs, long stepMs,
    List<SeriesResult> series) {
  public QueryResult {
    series = List.copyOf(series);
  }
}
