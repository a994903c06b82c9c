package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.query.ReadWork;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Downsampler;
import io.glasshouse.rollup.store.StoredCells;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers to reads from a published {@link ReadSnapshot}. Runs on the reader's thread; never touches the
 * writer's state.
 */
final class EngineViews {
  private EngineViews() {
  }

  static List<ServiceSummary> services(ReadSnapshot snap, long nowMs, long staleMs) {
    List<ServiceSummary> out = new ArrayList<>(snap.services().size());
    for (ServiceView svc : snap.services().values()) {
      int live = 0;
      for (ServiceView.InstanceView r : svc.instances()) {
        if (r.live(nowMs, staleMs)) {
          live++;
        }
      }
      out.add(new ServiceSummary(svc.name(), live, svc.instances().size() - live, svc.seriesCount()));
    }
    out.sort(Comparator.comparing(ServiceSummary::service));
    return out;
  }

  static List<InstanceInfo> instances(ReadSnapshot snap, String service, long nowMs, long staleMs) {
    ServiceView svc = snap.services().get(service);
    if (svc == null) {
      return null;
    }
    List<InstanceInfo> out = new ArrayList<>(svc.instances().size());
    for (ServiceView.InstanceView r : svc.instances()) {
      out.add(new InstanceInfo(service, r.instance(), r.firstSeenMs(), r.lastSeenMs(), r.live(nowMs, staleMs),
          r.version()));
    }
    return out;
  }

  static List<MetricInfo> metrics(ReadSnapshot snap, String service) {
    ServiceView svc = snap.services().get(service);
    return svc == null ? null : svc.metrics();
  }

  /** The series of {@code metric} in {@code service} whose labels match every matcher, in label order. */
  static List<ServiceView.SeriesRef> select(ReadSnapshot snap, String service, String metric,
      List<LabelMatcher> matchers) {
    ServiceView svc = snap.services().get(service);
    List<ServiceView.SeriesRef> all = svc == null ? null : svc.seriesByMetric().get(metric);
    if (all == null) {
      return List.of();
    }
    if (matchers.isEmpty()) {
      return all;
    }
    List<ServiceView.SeriesRef> out = new ArrayList<>();
    for (ServiceView.SeriesRef r : all) {
      boolean ok = true;
      for (LabelMatcher m : matchers) {
        if (!m.matches(r.key().labels())) {
          ok = false;
          break;
        }
      }
      if (ok) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The in-memory part of a read: the selected series with their pending and memory minutes in [from, to), and
   * the generations that say which of them the store may already hold.
   */
  record Capture(ReadSnapshot snapshot, List<ServiceView.SeriesRef> series, List<Long> seriesIds,
      Map<Long, List<CellRow>> memory, Map<Long, List<CellRow>> pending, int inMemoryCells,
      int inMemoryHistograms, Resolution resolution) {

    static Capture of(ReadSnapshot snap, List<ServiceView.SeriesRef> series, long fromMs, long toMs) {
      return of(snap, series, fromMs, toMs, Resolution.MINUTE);
    }

    /** As for minutes; {@code fromMs} and {@code toMs} must be cell boundaries of {@code resolution}. */
    static Capture of(ReadSnapshot snap, List<ServiceView.SeriesRef> series, long fromMs, long toMs,
        Resolution resolution) {
      List<Long> ids = new ArrayList<>(series.size());
      Map<Long, List<CellRow>> memory = new HashMap<>();
      Map<Long, List<CellRow>> pending = new HashMap<>();
      int n = 0;
      int histograms = 0;
      for (ServiceView.SeriesRef r : series) {
        ids.add(r.id());
        List<CellRow> cells = snap.memory().get(r.id());
        List<CellRow> inRange = new ArrayList<>(cells.size());
        for (CellRow c : cells) {
          if (c.cell().minuteMs() >= fromMs && c.cell().minuteMs() < toMs) {
            inRange.add(c);
            histograms += c.cell().histogram() == null ? 0 : 1;
          }
        }
        if (!inRange.isEmpty()) {
          memory.put(r.id(), inRange);
          n += inRange.size();
        }
        List<CellRow> p = snap.pending() == null ? null : snap.pending().cellsBySeries().get(r.id());
        if (p != null) {
          List<CellRow> pr = new ArrayList<>(p.size());
          for (CellRow c : p) {
            if (c.cell().minuteMs() >= fromMs && c.cell().minuteMs() < toMs) {
              pr.add(c);
              histograms += c.cell().histogram() == null ? 0 : 1;
            }
          }
          if (!pr.isEmpty()) {
            pending.put(r.id(), pr);
            n += pr.size();
          }
        }
      }
      return new Capture(snap, series, ids, memory, pending, n, histograms, resolution);
    }

    /**
     * Whether {@code stored} can be merged with this capture without counting a minute twice or missing one: the
     * store has exactly the committed generation of the snapshot (pending and memory cells are not in it), or
     * exactly the pending checkpoint's generation (then the pending cells are in it, memory cells are not). Any
     * other generation means a checkpoint detached memory cells after the snapshot was taken: read again.
     */
    boolean consistentWith(StoredCells stored) {
      return stored.generation() == snapshot.committedGeneration()
          || (snapshot.pending() != null && stored.generation() == snapshot.pending().generation());
    }

    /**
     * Stored cells merged with the in-memory ones the store does not have; requires {@link #consistentWith}. A
     * minute found in one place only is passed on as it is (cells are immutable); only minutes found in several
     * are merged into a new cell. For hours and days, the in-memory minutes are first rolled up into their hour
     * or day (here, so that this work runs where the caller runs the merge, see {@link ReadWork}).
     */
    List<SeriesCells> merge(StoredCells stored) {
      boolean includePending = stored.generation() == snapshot.committedGeneration();
      Map<Long, TreeMap<Long, Object>> acc = new HashMap<>();
      for (CellRow r : stored.rows()) {
        add(acc, r);
      }
      if (includePending) {
        pending.values().forEach(rows -> rolledUp(rows).forEach(r -> add(acc, r)));
      }
      memory.values().forEach(rows -> rolledUp(rows).forEach(r -> add(acc, r)));
      List<SeriesCells> out = new ArrayList<>();
      for (ServiceView.SeriesRef s : series) {
        TreeMap<Long, Object> cells = acc.get(s.id());
        if (cells == null) {
          continue;
        }
        List<MinuteCell> list = new ArrayList<>(cells.size());
        for (Object c : cells.values()) {
          list.add(c instanceof CellRow row ? row.cell() : ((CellDelta) c).toCell(false));
        }
        out.add(new SeriesCells(s.key(), List.copyOf(list)));
      }
      return out;
    }

    private List<CellRow> rolledUp(List<CellRow> minutes) {
      return resolution == Resolution.MINUTE ? minutes : Downsampler.rollUp(minutes, resolution);
    }

    private static void add(Map<Long, TreeMap<Long, Object>> acc, CellRow r) {
      acc.computeIfAbsent(r.seriesId(), k -> new TreeMap<>()).merge(r.cell().minuteMs(), r, (a, b) -> {
        CellDelta d;
        if (a instanceof CellRow first) {
          d = new CellDelta(first.cell().minuteMs());
          d.mergeFrom(first.cell(), first.lastTs());
        } else {
          d = (CellDelta) a;
        }
        CellRow next = (CellRow) b;
        d.mergeFrom(next.cell(), next.lastTs());
        return d;
      });
    }
  }

  /** Keys of the selected series. */
  static List<SeriesKey> keys(List<ServiceView.SeriesRef> refs) {
    List<SeriesKey> out = new ArrayList<>(refs.size());
    refs.forEach(r -> out.add(r.key()));
    return out;
  }
}
