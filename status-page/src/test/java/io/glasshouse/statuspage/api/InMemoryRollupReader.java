package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@link RollupReader} over hand-built series and instances, for HTTP tests; the real engine is wired in the
 * server module. Filters by matchers and time range like the contract says; answers with completed futures.
 */
final class InMemoryRollupReader implements RollupReader {
  private final List<SeriesCells> series = new ArrayList<>();
  private final List<InstanceInfo> instances = new ArrayList<>();
  private final Map<String, ServiceHealth> health = new java.util.HashMap<>();

  InMemoryRollupReader add(SeriesCells s) {
    series.add(s);
    return this;
  }

  InMemoryRollupReader add(InstanceInfo i) {
    instances.add(i);
    return this;
  }

  InMemoryRollupReader add(ServiceHealth h) {
    health.put(h.service(), h);
    return this;
  }

  @Override
  public Future<ServiceHealth> instanceHealth(String service) {
    return Future.succeededFuture(health.get(service));
  }

  @Override
  public Future<List<ServiceSummary>> services() {
    TreeSet<String> names = new TreeSet<>();
    series.forEach(s -> names.add(s.key().service()));
    instances.forEach(i -> names.add(i.service()));
    return Future.succeededFuture(names.stream().map(n -> new ServiceSummary(n,
        (int) instances.stream().filter(i -> i.service().equals(n) && i.live()).count(),
        (int) instances.stream().filter(i -> i.service().equals(n) && !i.live()).count(),
        (int) series.stream().filter(s -> s.key().service().equals(n)).count())).toList());
  }

  @Override
  public Future<List<InstanceInfo>> instances(String service) {
    return Future.succeededFuture(instances.stream().filter(i -> i.service().equals(service)).toList());
  }

  @Override
  public Future<List<MetricInfo>> metrics(String service) {
    Map<String, MetricKind> kinds = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    series.stream().filter(s -> s.key().service().equals(service)).forEach(s -> {
      kinds.put(s.key().metric(), s.key().kind());
      counts.merge(s.key().metric(), 1, Integer::sum);
    });
    return Future.succeededFuture(kinds.entrySet().stream()
        .map(e -> new MetricInfo(e.getKey(), e.getValue(), counts.get(e.getKey()))).toList());
  }

  @Override
  public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
      long toMs) {
    List<SeriesCells> out = new ArrayList<>();
    for (SeriesCells s : series) {
      if (s.key().service().equals(service) && s.key().metric().equals(metric)
          && matchers.stream().allMatch(m -> m.matches(s.key().labels()))) {
        List<MinuteCell> in = s.cells().stream().filter(c -> c.minuteMs() >= fromMs && c.minuteMs() < toMs).toList();
        if (!in.isEmpty()) {
          out.add(new SeriesCells(s.key(), in));
        }
      }
    }
    return Future.succeededFuture(out);
  }
}
