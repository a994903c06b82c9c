package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.CellRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds {@link ReadSnapshot}s from the writer's {@link RollupState}, incrementally: only the series whose
 * minutes changed since the last snapshot are copied ({@link RollupState#takeTouched()}), and only the services
 * they belong to (or whose series or instance counts changed) get a new {@link ServiceView}. Writer thread only.
 */
final class SnapshotPublisher {
  private ReadSnapshot last = ReadSnapshot.EMPTY;
  private boolean detached;
  private Map<String, ServiceHealth> health = Map.of();

  /** Instance health for the next snapshots (immutable; replaced whole at each refresh). */
  void health(Map<String, ServiceHealth> h) {
    health = Map.copyOf(h);
  }

  /** The last snapshot built. */
  ReadSnapshot last() {
    return last;
  }

  /** A checkpoint detached every in-memory minute: the next snapshot starts from no memory cells. */
  void detached() {
    detached = true;
  }

  /** Builds the next snapshot; {@code pending} is the checkpoint written or awaiting retry, or null. */
  ReadSnapshot publish(RollupState state, long committedGeneration, ReadSnapshot.Pending pending) {
    List<RollupSeries> touched = state.takeTouched();
    CellPages memory = detached ? CellPages.EMPTY : last.memory();
    detached = false;
    long[] ids = new long[touched.size()];
    List<List<CellRow>> cells = new ArrayList<>(touched.size());
    Set<String> touchedServices = new HashSet<>();
    Set<String> reindex = new HashSet<>();
    for (int i = 0; i < ids.length; i++) {
      RollupSeries r = touched.get(i);
      ids[i] = r.id;
      cells.add(copy(r));
      touchedServices.add(r.key.service());
      if (!r.indexed) {
        reindex.add(r.key.service());
      }
    }
    memory = memory.with(ids, cells);
    Map<String, ServiceView> services = services(state, touchedServices, reindex);
    last = new ReadSnapshot(committedGeneration, pending, services, memory, health);
    return last;
  }

  private static List<CellRow> copy(RollupSeries r) {
    if (r.dirty.isEmpty()) {
      return null;
    }
    List<CellRow> out = new ArrayList<>(r.dirty.size());
    for (CellDelta c : r.dirty) {
      if (c.published == null) { // changed since the last snapshot: copy it; unchanged cells share their copy
        c.published = new CellRow(r.id, c.toCell(true), c.lastTs);
      }
      out.add(c.published);
    }
    return List.copyOf(out);
  }

  private Map<String, ServiceView> services(RollupState state, Set<String> touched, Set<String> reindex) {
    Map<String, ServiceView> prev = last.services();
    Map<String, ServiceState> live = state.services();
    Map<String, ServiceView> next = null;
    for (ServiceState svc : live.values()) {
      ServiceView v = prev.get(svc.name);
      boolean structure = v == null || reindex.contains(svc.name) || v.seriesCount() != svc.series.size();
      if (structure || touched.contains(svc.name) || v.instances().size() != svc.instances.size()) {
        if (next == null) {
          next = new HashMap<>(prev);
        }
        next.put(svc.name, structure ? build(svc) : new ServiceView(svc.name, v.seriesByMetric(), v.metrics(),
            v.seriesCount(), instances(svc)));
      }
    }
    if (next == null && prev.size() == live.size()) {
      return prev;
    }
    if (next == null) {
      next = new HashMap<>(prev);
    }
    next.keySet().retainAll(live.keySet());
    return Collections.unmodifiableMap(next);
  }

  private static ServiceView build(ServiceState svc) {
    Map<String, List<ServiceView.SeriesRef>> byMetric = new HashMap<>();
    Map<String, MetricKind> kinds = new TreeMap<>();
    for (RollupSeries r : svc.series.values()) {
      r.indexed = true;
      SeriesKey k = r.key;
      byMetric.computeIfAbsent(k.metric(), m -> new ArrayList<>()).add(new ServiceView.SeriesRef(r.id, k));
      kinds.putIfAbsent(k.metric(), k.kind());
    }
    Map<String, List<ServiceView.SeriesRef>> sorted = new HashMap<>();
    byMetric.forEach((m, refs) -> {
      refs.sort(Comparator.comparing(ref -> ref.key().labels()));
      sorted.put(m, List.copyOf(refs));
    });
    List<MetricInfo> metrics = new ArrayList<>();
    kinds.forEach((m, kind) -> metrics.add(new MetricInfo(m, kind, sorted.get(m).size())));
    return new ServiceView(svc.name, Collections.unmodifiableMap(sorted), List.copyOf(metrics), svc.series.size(),
        instances(svc));
  }

  private static List<ServiceView.InstanceView> instances(ServiceState svc) {
    List<ServiceView.InstanceView> out = new ArrayList<>(svc.instances.size());
    for (InstanceRecord r : svc.instances.values()) {
      out.add(new ServiceView.InstanceView(r.instance, r.firstSeenMs, r.lastSeenMs, r.version, r.lastHeardMs));
    }
    out.sort(Comparator.comparing(ServiceView.InstanceView::instance));
    return List.copyOf(out);
  }
}
