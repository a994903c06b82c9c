package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.series.SeriesKey;
import java.util.HashMap;
import java.util.Map;

/** Everything the engine keeps in memory for one service. */
final class ServiceState {
  final String name;
  final Map<SeriesKey, RollupSeries> series = new HashMap<>();
  /** metric → full sample labels → instance series; two levels so lookups allocate nothing. */
  final Map<String, Map<Labels, InstanceSeries>> instanceSeries = new HashMap<>();
  final Map<String, InstanceRecord> instances = new HashMap<>();

  ServiceState(String name) {
    this.name = name;
  }

  InstanceSeries find(String metric, Labels labels) {
    Map<Labels, InstanceSeries> m = instanceSeries.get(metric);
    return m == null ? null : m.get(labels);
  }

  void put(InstanceSeries s) {
    instanceSeries.computeIfAbsent(s.metric, k -> new HashMap<>()).put(s.labels, s);
  }
}
