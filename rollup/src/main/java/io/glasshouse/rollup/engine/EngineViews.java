package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.StoredCells;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Immutable views of engine state, built on the writer thread, handed to readers. */
final class EngineViews {
  private EngineViews() {
  }

  static List<ServiceSummary> services(RollupState state, long nowMs, long staleMs) {
    List<ServiceSummary> out = new ArrayList<>();
    for (ServiceState svc : state.services().values()) {
      int live = 0;
      for (InstanceRecord r : svc.instances.values()) {
        if (r.live(nowMs, staleMs)) {
          live++;
        }
      }
      out.add(new ServiceSummary(svc.name, live, svc.instances.size() - live, svc.series.size()));
    }
    out.sort(Comparator.comparing(ServiceSummary::service));
    return out;
  }

  static List<InstanceInfo> instances(RollupState state, String service, long nowMs, long staleMs) {
    ServiceState svc = state.services().get(service);
    if (svc == null) {
      return null;
    }
    List<InstanceInfo> out = new ArrayList<>();
    for (InstanceRecord r : svc.instances.values()) {
      out.add(new InstanceInfo(service, r.instance, r.firstSeenMs, r.lastSeenMs, r.live(nowMs, staleMs),
          r.version));
    }
    out.sort(Comparator.comparing(InstanceInfo::instance));
    return out;
  }

  static List<MetricInfo> metrics(RollupState state, String service) {
    ServiceState svc = state.services().get(service);
    if (svc == null) {
      return null;
    }
    Map<String, MetricKind> kinds = new TreeMap<>();
    Map<String, Integer> counts = new HashMap<>();
    for (SeriesKey k : svc.series.keySet()) {
      kinds.putIfAbsent(k.metric(), k.kind());
      counts.merge(k.metric(), 1, Integer::sum);
    }
    List<MetricInfo> out = new ArrayList<>();
    kinds.forEach((m, k) -> out.add(new MetricInfo(m, k, counts.get(m))));
    return out;
  }

  /** Matching series and copies of their in-memory minutes, tagged with the committed generation. */
  record Capture(String service, String metric, List<LabelMatcher> matchers, long generation, List<SeriesKey> series,
      List<Long> seriesIds, Map<Long, List<CellRow>> memory, Map<Long, List<CellRow>> inflight) {

    /**
     * Stored cells merged with memory. {@code includeInflight}: the store has not yet committed the checkpoint
     * being written, so its cells come from memory.
     */
    List<SeriesCells> merge(StoredCells stored, boolean includeInflight) {
      Map<Long, TreeMap<Long, CellDelta>> acc = new HashMap<>();
      for (CellRow r : stored.rows()) {
        add(acc, r);
      }
      if (includeInflight) {
        inflight.values().forEach(rows -> rows.forEach(r -> add(acc, r)));
      }
      memory.values().forEach(rows -> rows.forEach(r -> add(acc, r)));
      List<SeriesCells> out = new ArrayList<>();
      for (int i = 0; i < series.size(); i++) {
        TreeMap<Long, CellDelta> cells = acc.get(seriesIds.get(i));
        if (cells == null) {
          continue;
        }
        List<MinuteCell> list = new ArrayList<>(cells.size());
        cells.values().forEach(c -> list.add(c.toCell(false)));
        out.add(new SeriesCells(series.get(i), List.copyOf(list)));
      }
      return out;
    }

    private static void add(Map<Long, TreeMap<Long, CellDelta>> acc, CellRow r) {
      acc.computeIfAbsent(r.seriesId(), k -> new TreeMap<>())
          .computeIfAbsent(r.cell().minuteMs(), CellDelta::new)
          .mergeFrom(r.cell(), r.lastTs());
    }
  }

  static Capture capture(RollupState state, RollupState.Detached inflight, long generation, String service,
      String metric, List<LabelMatcher> matchers, long fromMs, long toMs) {
    ServiceState svc = state.services().get(service);
    List<RollupSeries> matched = new ArrayList<>();
    if (svc != null) {
      for (RollupSeries r : svc.series.values()) {
        if (r.key.metric().equals(metric) && matchesAll(r.key.labels(), matchers)) {
          matched.add(r);
        }
      }
    }
    matched.sort(Comparator.comparing(r -> r.key.labels()));
    List<SeriesKey> keys = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    Map<Long, List<CellRow>> memory = new HashMap<>();
    Map<Long, List<CellRow>> infl = new HashMap<>();
    for (RollupSeries r : matched) {
      keys.add(r.key);
      ids.add(r.id);
      List<CellRow> rows = new ArrayList<>();
      for (CellDelta c : r.dirty) {
        if (c.minuteMs >= fromMs && c.minuteMs < toMs) {
          rows.add(new CellRow(r.id, c.toCell(true), c.lastTs));
        }
      }
      memory.put(r.id, rows);
      if (inflight != null) {
        List<CellRow> in = inflight.cellsBySeries().get(r.id);
        if (in != null) {
          infl.put(r.id, in.stream().filter(x -> x.cell().minuteMs() >= fromMs && x.cell().minuteMs() < toMs).toList());
        }
      }
    }
    return new Capture(service, metric, matchers, generation, keys, ids, memory, infl);
  }

  private static boolean matchesAll(Labels labels, List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }
}
