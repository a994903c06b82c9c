package io.glasshouse.rollup.series;

import io.glasshouse.rollup.query.LabelMatcher;
import io.vertx.core.Future;
import java.util.List;

/**
 * Read access to rollups, for the read API, SLOs and forecasts.
 *
 * <p>Contract: answers reflect every acknowledged sample (durable or still in memory); minutes are UTC-aligned
 * and returned in ascending order; a minute with no data is absent, not zero. Never blocks the caller.
 */
public interface RollupReader {
  Future<List<ServiceSummary>> services();

  Future<List<InstanceInfo>> instances(String service);

  Future<List<MetricInfo>> metrics(String service);

  /** Series of {@code metric} in {@code service} whose labels match every matcher, minutes in [from, to). */
  Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs, long toMs);
}
