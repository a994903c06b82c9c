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
}
