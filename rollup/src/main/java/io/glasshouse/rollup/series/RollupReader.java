package io.glasshouse.rollup.series;

import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.query.LabelMatcher;
import io.vertx.core.Future;
import java.util.List;

/**
 * Read access to rollups, for the read API, SLOs and forecasts.
 *
 * <p>Contract: answers reflect every acknowledged sample (durable or still in memory): a read issued after a
 * sample's ingest was acknowledged sees it. Minutes are UTC-aligned and returned in ascending order; a minute
 * with no data is absent, not zero. Never blocks the caller.
 */
public interface RollupReader {
  Future<List<ServiceSummary>> services();

  Future<List<InstanceInfo>> instances(String service);

  /**
   * Per-instance figures (request rate, error ratio, latency over recent windows) and outlier flags of
   * {@code service}, refreshed periodically; null when unknown or not computed yet. The default has none.
   */
  default Future<ServiceHealth> instanceHealth(String service) {
    return Future.succeededFuture(null);
  }

  Future<List<MetricInfo>> metrics(String service);

  /**
   * Keys of the series of {@code metric} in {@code service} whose labels match every matcher, without reading
   * their minutes (to size a query before running it). The default reads every minute and keeps the keys of the
   * series that have any; implementations should answer from their series index.
   */
  default Future<List<SeriesKey>> series(String service, String metric, List<LabelMatcher> matchers) {
    return cells(service, metric, matchers, Long.MIN_VALUE, Long.MAX_VALUE)
        .map(all -> all.stream().map(SeriesCells::key).toList());
  }

  /** Series of {@code metric} in {@code service} whose labels match every matcher, minutes in [from, to). */
  Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs, long toMs);

  /**
   * As {@link #cells(String, String, List, long, long)} at {@code resolution}: each cell is one UTC hour or day
   * (its {@code minuteMs} is the cell's start), the exact merge of the minutes in it (see {@link Resolution}), for
   * cells starting in [from, to) widened to whole cells. Hours and days outlive minutes (per-resolution
   * retention), so older ranges may have hours or days where minutes are gone. The default reads the minutes and
   * rolls them up; the engine reads the stored hour and day cells.
   */
  default Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
      long toMs, Resolution resolution) {
    long from = resolution.floor(fromMs);
    long to = toMs == Long.MAX_VALUE ? toMs : resolution.ceil(toMs);
    Future<List<SeriesCells>> minutes = cells(service, metric, matchers, from, to);
    if (resolution == Resolution.MINUTE) {
      return minutes;
    }
    return minutes.map(all -> {
      List<SeriesCells> out = new java.util.ArrayList<>(all.size());
      for (SeriesCells s : all) {
        List<MinuteCell> rolled = new java.util.ArrayList<>();
        CellAccumulator acc = null;
        long start = Long.MIN_VALUE;
        for (MinuteCell c : s.cells()) {
          long cellStart = resolution.floor(c.minuteMs());
          if (acc != null && cellStart != start) {
            rolled.add(acc.toCell(start));
            acc = null;
          }
          if (acc == null) {
            acc = new CellAccumulator();
            start = cellStart;
          }
          acc.add(c, c.minuteMs()); // minutes in time order: the latest minute's last wins
        }
        if (acc != null) {
          rolled.add(acc.toCell(start));
        }
        out.add(new SeriesCells(s.key(), List.copyOf(rolled)));
      }
      return out;
    });
  }
}
