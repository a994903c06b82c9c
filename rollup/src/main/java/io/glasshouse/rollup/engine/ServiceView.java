package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.SeriesKey;
import java.util.List;
import java.util.Map;

/**
 * One service as a read snapshot shows it: its rollup series by metric (sorted by labels), its metrics and its
 * instances (sorted by name). Immutable.
 */
record ServiceView(String name, Map<String, List<SeriesRef>> seriesByMetric, List<MetricInfo> metrics,
    int seriesCount, List<InstanceView> instances) {

  /** A rollup series: the id its cells are stored under, and its key. */
  record SeriesRef(long id, SeriesKey key) {
  }

  /** An instance of the registry; whether it is live depends on the time of the read. */
  /** An instance as of the snapshot; {@code lastHeardMs} is {@link InstanceRecord#lastHeardMs}. */
  record InstanceView(String instance, long firstSeenMs, long lastSeenMs, String version, long lastHeardMs) {
    /** Live: a current sample arrived within {@code staleMs} before {@code nowMs} (see {@link InstanceRecord#live}). */
    boolean live(long nowMs, long staleMs) {
      return lastHeardMs != Long.MIN_VALUE && nowMs - lastHeardMs < staleMs;
    }
  }
}
