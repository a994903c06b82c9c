package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.Resolution;
import java.util.List;

/**
 * The answer to a {@link RangeQuery}: one {@link SeriesResult} per group, in label order. Immutable.
 *
 * @param fn the function name as asked ({@code p99}, {@code quantile}, …)
 * @param fromMs start of the first step window (the requested {@code from} floored to the step grid)
 * @param toMs end of the last step window
 * @param resolution the stored cells the windows were folded from: the coarsest whose cells tile the step
 *     ({@link Resolution#coarsestFor}); the values are the same at any resolution, only how far back data is kept
 *     differs (per-resolution retention)
 */
public record QueryResult(String service, String metric, String fn, long fromMs, long toMs, long stepMs,
    List<SeriesResult> series, Resolution resolution) {
  public QueryResult {
    series = List.copyOf(series);
  }

  /** A result folded from minute cells. */
  public QueryResult(String service, String metric, String fn, long fromMs, long toMs, long stepMs,
      List<SeriesResult> series) {
    this(service, metric, fn, fromMs, toMs, stepMs, series, Resolution.MINUTE);
  }
}
