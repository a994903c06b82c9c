package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.sample.WellKnownLabels;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.StoredInstance;
import io.glasshouse.rollup.store.StoredInstanceSeries;
import io.glasshouse.rollup.store.StoredSeries;
import io.glasshouse.rollup.store.StoredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine's in-memory model: services, their rollup series with the minutes changed since the last
 * checkpoint, instances and per-instance cumulative state. Single-threaded: only the writer thread touches it.
 *
 * <p>Counting rules (DESIGN.md, "Instances are identical and ephemeral"):
 * <ul>
 *   <li>cumulative input becomes an increase per instance series: the difference to the last reading, or the
 *       whole reading after a reset (the value dropped, or the OTLP start time changed);</li>
 *   <li>the first reading of a series counts whole when it is new events: its OTLP start time is at or after
 *       the store's history start, or, without a start time, it arrives after the new-series grace period
 *       (before that, the reading predates Glasshouse and is taken as a baseline);</li>
 *   <li>delta input adds as it is; gauges fold into min, max, sum, count and last.</li>
 * </ul>
 */
final class RollupState {
  private final RollupConfig config;
  private final Map<String, ServiceState> services = new HashMap<>();
  private final List<RollupSeries> dirtySeries = new ArrayList<>();
  private final List<InstanceSeries> dirtyInstanceSeries = new ArrayList<>();
  private final Set<InstanceRecord> dirtyInstances = new HashSet<>();
  private final Map<InstanceRecord, String> instanceService = new HashMap<>();
  private final List<RollupSeries> unpersisted = new ArrayList<>();
  private final List<Long> evictedIds = new ArrayList<>();
  private final List<StoredInstance> evictedInstances = new ArrayList<>();
  private final HistogramParts histogramParts = new HistogramParts();
  private long nextSeriesId = 1;
  private long nextInstanceSeriesId = 1;
  long historyStartMs;
  long generation;

  RollupState(RollupConfig config) {
    this.config = config;
  }

  Map<String, ServiceState> services() {
    return services;
  }

  int seriesCount() {
    int n = 0;
    for (ServiceState s : services.values()) {
      n += s.series.size();
    }
    return n;
  }

  int instanceSeriesCount() {
    int n = 0;
    for (ServiceState s : services.values()) {
      for (Map<Labels, InstanceSeries> m : s.instanceSeries.values()) {
        n += m.size();
      }
    }
    return n;
  }

  // ---- restore ----

  void restore(StoredState st) {
    historyStartMs = st.historyStartMs();
    generation = st.generation();
    Map<Long, RollupSeries> byId = new HashMap<>();
    for (StoredSeries s : st.series()) {
      RollupSeries r = new RollupSeries(s.id(), s.key(), true);
      service(s.key().service()).series.put(s.key(), r);
      byId.put(s.id(), r);
      nextSeriesId = Math.max(nextSeriesId, s.id() + 1);
    }
    for (StoredInstance i : st.instances()) {
      ServiceState svc = service(i.service());
      InstanceRecord rec = new InstanceRecord(i.instance(), i.firstSeenMs(), i.lastSeenMs(), i.version());
      svc.instances.put(i.instance(), rec);
      instanceService.put(rec, i.service());
    }
    for (StoredInstanceSeries s : st.instanceSeries()) {
      RollupSeries r = byId.get(s.seriesId());
      if (r == null) {
        continue;
      }
      InstanceSeries is = new InstanceSeries(s.id(), r, s.metric(), s.labels());
      is.lastValue = s.lastValue();
      is.lastBuckets = s.lastBuckets();
      is.startMs = s.startMs();
      is.lastTs = s.lastTs();
      service(r.key.service()).put(is);
      nextInstanceSeriesId = Math.max(nextInstanceSeriesId, s.id() + 1);
    }
  }

  private ServiceState service(String name) {
    return services.computeIfAbsent(name, ServiceState::new);
  }

  // ---- admission ----

  /**
   * The samples of a batch the engine will apply, and the ones refused. {@code known[i]} is the instance series
   * of {@code admitted.get(i)} when it already existed, so {@link #apply(List, InstanceSeries[])} does not look it
   * up again.
   */
  record Admission(List<Sample> admitted, InstanceSeries[] known, List<Rejection> rejected) {
  }

  /**
   * Decides which samples to apply, without changing anything. Refuses samples older than the late window and
   * samples that would create series beyond a service's limit; with {@code atomic}, the latter throws instead.
   */
  Admission admit(List<Sample> samples, boolean atomic, long nowMs) {
    long oldest = nowMs - config.lateWindow().toMillis();
    Map<String, Set<SeriesKey>> newKeys = null;
    List<Sample> admitted = null;
    int tooLate = 0;
    Map<String, Integer> overLimit = null;
    InstanceSeries[] known = new InstanceSeries[samples.size()];
    int admittedCount = 0;
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      boolean refuse = false;
      InstanceSeries found = null;
      if (s.timestampMs() < oldest) {
        tooLate++;
        refuse = true;
      } else {
        ServiceState svc = services.get(s.service());
        found = svc == null ? null : svc.find(s.metric(), s.labels());
        if (found == null) {
          SeriesKey key = rollupKey(s);
          int existing = svc == null ? 0 : svc.series.size();
          if (svc == null || !svc.series.containsKey(key)) {
            if (newKeys == null) {
              newKeys = new HashMap<>();
            }
            Set<SeriesKey> pending = newKeys.computeIfAbsent(s.service(), k -> new HashSet<>());
            if (!pending.contains(key)) {
              if (existing + pending.size() >= config.maxSeriesPerService()) {
                if (atomic) {
                  throw new SeriesLimitException(s.service(), config.maxSeriesPerService(), seriesLimitDetail(s.service()));
                }
                if (overLimit == null) {
                  overLimit = new LinkedHashMap<>();
                }
                overLimit.merge(s.service(), 1, Integer::sum);
                refuse = true;
              } else {
                pending.add(key);
              }
            }
          }
        }
      }
      if (refuse && admitted == null) {
        admitted = new ArrayList<>(samples.subList(0, i));
      } else if (!refuse && admitted != null) {
        admitted.add(s);
      }
      if (!refuse) {
        known[admittedCount++] = found;
      }
    }
    List<Rejection> rejected = new ArrayList<>();
    if (tooLate > 0) {
      rejected.add(new Rejection("too_late", tooLate, "samples are older than the late window ("
          + config.lateWindow() + "); send data promptly or raise rollup.late-window"));
    }
    if (overLimit != null) {
      overLimit.forEach((svc, n) -> rejected.add(new Rejection("series_limit", n, seriesLimitDetail(svc))));
    }
    return new Admission(admitted == null ? samples : admitted, known, rejected);
  }

  private String seriesLimitDetail(String service) {
    return "service '" + service + "' would exceed its limit of " + config.maxSeriesPerService()
        + " rollup series; drop high-cardinality labels (rollup.drop-labels) or raise rollup.max-series-per-service";
  }

  SeriesKey rollupKey(Sample s) {
    if (s.isHistogramPart()) {
      return histogramPartKey(s);
    }
    Labels kept = s.labels().filter(n -> !n.equals(WellKnownLabels.SERVICE) && !config.instanceLabels().contains(n)
        && !config.dropLabels().contains(n));
    return new SeriesKey(s.service(), s.metric(), s.kind(), kept);
  }

  // ---- apply ----

  void apply(List<Sample> samples) {
    apply(samples, null);
  }

  /** Applies samples; {@code known}, when given, holds each sample's existing instance series or null. */
  void apply(List<Sample> samples, InstanceSeries[] known) {
    for (int i = 0; i < samples.size(); i++) {
      apply(samples.get(i), known == null ? null : known[i]);
    }
  }

  private void apply(Sample s, InstanceSeries known) {
    ServiceState svc = service(s.service());
    String instanceId = s.instance();
    if (instanceId != null && InstanceSightings.makesLive(s)) {
      InstanceRecord rec = svc.instances.get(instanceId);
      if (rec == null) {
        rec = new InstanceRecord(instanceId, s.timestampMs(), s.timestampMs(), InstanceSightings.version(s));
        svc.instances.put(instanceId, rec);
        instanceService.put(rec, svc.name);
        rec.dirty = true;
      } else {
        rec.seen(s.timestampMs(), InstanceSightings.version(s));
      }
      if (rec.dirty) {
        dirtyInstances.add(rec);
      }
    }
    InstanceSeries is = known != null ? known : svc.find(s.metric(), s.labels());
    if (is != null && is.rollup.key.kind() != s.kind()) {
      is = changeKind(svc, is, s);
    }
    if (is == null) {
      SeriesKey key = rollupKey(s);
      RollupSeries r = svc.series.get(key);
      if (r == null) {
        r = new RollupSeries(nextSeriesId++, key, false);
        svc.series.put(key, r);
        unpersisted.add(r);
      }
      is = new InstanceSeries(nextInstanceSeriesId++, r, s.metric(), s.labels());
      svc.put(is);
    }
    long minute = Math.floorDiv(s.timestampMs(), 60_000L) * 60_000L;
    RollupSeries r = is.rollup;
    if (r.dirty.isEmpty()) {
      dirtySeries.add(r);
    }
    CellDelta cell = r.cell(minute);
    switch (s.kind()) {
      case GAUGE -> cell.addGauge(s.value(), s.timestampMs());
      case COUNTER -> {
        if (s.temporality() == Temporality.DELTA) {
          cell.addIncrease(s.value());
        } else {
          cell.addIncrease(counterIncrease(is, s));
        }
      }
      case HISTOGRAM -> {
        if (s.isHistogramPart()) {
          applyHistogramPart(is, s, cell);
          return;
        }
        Buckets b = s.temporality() == Temporality.DELTA ? s.buckets() : histogramIncrease(is, s);
        if (b != null && b.count() > 0) {
          cell.addBuckets(b);
        }
      }
    }
  }

  /** The rollup key of a classic histogram part: the histogram's name and labels without {@code le}. */
  private SeriesKey histogramPartKey(Sample s) {
    Labels kept = s.labels().filter(n -> !n.equals(WellKnownLabels.SERVICE) && !n.equals(HistogramParts.LE)
        && !config.instanceLabels().contains(n) && !config.dropLabels().contains(n));
    return new SeriesKey(s.service(), HistogramParts.base(s), MetricKind.HISTOGRAM, kept);
  }

  /**
   * One part of a classic histogram: its own cumulative series (reset detection as for counters); its increase
   * goes to {@link HistogramParts}, which records bucket intervals once both of their ends arrived.
   */
  private void applyHistogramPart(InstanceSeries is, Sample s, CellDelta cell) {
    HistogramParts.Kind kind = HistogramParts.kind(s);
    if (kind == HistogramParts.Kind.NONE) {
      return;
    }
    double inc = counterIncrease(is, s);
    if (kind == HistogramParts.Kind.SUM) {
      cell.addHistogramSum(inc);
      return;
    }
    if (is.histogramLabels == null) {
      is.histogramLabels = s.labels().filter(n -> !n.equals(HistogramParts.LE)).with("__name__", is.rollup.key.metric());
    }
    double bound = kind == HistogramParts.Kind.BUCKET ? HistogramParts.bound(s.labels().get(HistogramParts.LE))
        : Double.POSITIVE_INFINITY;
    addEmissions(histogramParts.add(is.rollup, is.histogramLabels, kind, bound, s.timestampMs(), inc));
  }

  private void addEmissions(List<HistogramParts.Emission> emissions) {
    for (HistogramParts.Emission e : emissions) {
      if (e.rollup().dirty.isEmpty()) {
        dirtySeries.add(e.rollup());
      }
      e.rollup().cell(e.minuteMs()).addBuckets(e.buckets());
    }
  }

  /**
   * An instance series that arrives as another kind than before (e.g. metadata arrived and says a family is a
   * counter, or a {@code _count} series turned out to be part of a histogram) feeds the rollup series of its new
   * kind from now on. Its cumulative baseline carries over, or, when it had none, this reading becomes it: the
   * series existed before, so its reading is not new events.
   */
  private InstanceSeries changeKind(ServiceState svc, InstanceSeries old, Sample s) {
    SeriesKey key = rollupKey(s);
    RollupSeries r = svc.series.get(key);
    if (r == null) {
      r = new RollupSeries(nextSeriesId++, key, false);
      svc.series.put(key, r);
      unpersisted.add(r);
    }
    InstanceSeries is = new InstanceSeries(nextInstanceSeriesId++, r, s.metric(), s.labels());
    if (s.buckets() == null && s.kind() != MetricKind.GAUGE) {
      boolean carry = old.hasBaseline() && !Double.isNaN(old.lastValue);
      is.lastValue = carry ? old.lastValue : s.value();
      is.startMs = carry ? old.startMs : s.startTimeMs();
      is.lastTs = carry ? old.lastTs : s.timestampMs();
    }
    svc.put(is);
    if (old.dirty) {
      dirtyInstanceSeries.remove(old);
    }
    evictedIds.add(old.id);
    markDirty(is);
    return is;
  }

  private boolean firstReadingIsNew(Sample s) {
    if (s.startTimeMs() > 0) {
      return s.startTimeMs() >= historyStartMs;
    }
    return s.timestampMs() >= historyStartMs + config.newSeriesGrace().toMillis();
  }

  private double counterIncrease(InstanceSeries is, Sample s) {
    double v = s.value();
    double inc;
    if (!is.hasBaseline()) {
      inc = firstReadingIsNew(s) ? v : 0;
    } else if (s.timestampMs() < is.lastTs) {
      return 0; // an older cumulative reading adds nothing we have not counted
    } else if (v < is.lastValue || (s.startTimeMs() > 0 && is.startMs > 0 && s.startTimeMs() != is.startMs)) {
      inc = v; // reset: the instance restarted and counts from zero again
    } else {
      inc = v - is.lastValue;
    }
    is.lastValue = v;
    is.startMs = s.startTimeMs();
    is.lastTs = s.timestampMs();
    markDirty(is);
    return inc;
  }

  private Buckets histogramIncrease(InstanceSeries is, Sample s) {
    Buckets b = s.buckets();
    Buckets inc;
    if (!is.hasBaseline()) {
      inc = firstReadingIsNew(s) ? b : null;
    } else if (s.timestampMs() < is.lastTs) {
      return null;
    } else if (s.startTimeMs() > 0 && is.startMs > 0 && s.startTimeMs() != is.startMs) {
      inc = b;
    } else {
      Buckets d = is.lastBuckets == null ? b : b.minus(is.lastBuckets);
      inc = d == null ? b : d; // null: a bucket went down or the layout changed, so the instance reset
    }
    is.lastBuckets = b;
    is.startMs = s.startTimeMs();
    is.lastTs = s.timestampMs();
    markDirty(is);
    return inc;
  }

  private void markDirty(InstanceSeries is) {
    if (!is.dirty) {
      is.dirty = true;
      dirtyInstanceSeries.add(is);
    }
  }

  // ---- checkpoint ----

  /** The dirty minutes detached by a checkpoint, kept readable until the store has them. */
  record Detached(Map<Long, List<CellRow>> cellsBySeries) {
  }

  /**
   * Detaches everything changed since the last checkpoint into a {@link Checkpoint} covering journal record
   * {@code journalSeq}; the returned {@link Detached} indexes the same cells for reads.
   */
  Map.Entry<Checkpoint, Detached> capture(long journalSeq) {
    addEmissions(histogramParts.flushProvisional());
    List<StoredSeries> newSeries = new ArrayList<>();
    for (RollupSeries r : unpersisted) {
      newSeries.add(new StoredSeries(r.id, r.key));
      r.persisted = true;
    }
    unpersisted.clear();
    List<CellRow> cells = new ArrayList<>();
    Map<Long, List<CellRow>> bySeries = new HashMap<>();
    for (RollupSeries r : dirtySeries) {
      List<CellRow> rows = new ArrayList<>(r.dirty.size());
      for (CellDelta c : r.dirty) {
        rows.add(new CellRow(r.id, c.toCell(false), c.lastTs));
      }
      cells.addAll(rows);
      bySeries.put(r.id, rows);
      r.dirty = new ArrayList<>(2);
    }
    dirtySeries.clear();
    List<StoredInstance> instances = new ArrayList<>();
    for (InstanceRecord rec : dirtyInstances) {
      instances.add(new StoredInstance(instanceService.get(rec), rec.instance, rec.firstSeenMs, rec.lastSeenMs,
          rec.version));
      rec.dirty = false;
    }
    dirtyInstances.clear();
    List<StoredInstanceSeries> iss = new ArrayList<>();
    for (InstanceSeries is : dirtyInstanceSeries) {
      iss.add(new StoredInstanceSeries(is.id, is.rollup.id, is.metric, is.labels, is.lastValue, is.lastBuckets,
          is.startMs, is.lastTs));
      is.dirty = false;
    }
    dirtyInstanceSeries.clear();
    generation++;
    List<Long> evicted = List.copyOf(evictedIds);
    evictedIds.clear();
    List<StoredInstance> gone = List.copyOf(evictedInstances);
    evictedInstances.clear();
    Checkpoint cp = new Checkpoint(journalSeq, generation, historyStartMs, newSeries, cells, instances, iss, evicted,
        gone);
    return Map.entry(cp, new Detached(bySeries));
  }

  boolean hasChanges() {
    return !dirtySeries.isEmpty() || !dirtyInstances.isEmpty() || !dirtyInstanceSeries.isEmpty()
        || !unpersisted.isEmpty() || !evictedIds.isEmpty() || !evictedInstances.isEmpty();
  }

  /**
   * Forgets the cumulative state of instance series silent since before {@code cutoffMs} (their instance is
   * gone or stopped reporting them), so memory follows the live fleet rather than every instance ever seen.
   * A series that comes back afterwards starts over from its first reading. Returns how many were forgotten.
   */
  int evictSilent(long cutoffMs) {
    histogramParts.forgetSilent(cutoffMs);
    int n = 0;
    for (ServiceState svc : services.values()) {
      for (Map<Labels, InstanceSeries> bySeries : svc.instanceSeries.values()) {
        var it = bySeries.values().iterator();
        while (it.hasNext()) {
          InstanceSeries is = it.next();
          if (is.hasBaseline() && is.lastTs < cutoffMs && !is.dirty) {
            it.remove();
            evictedIds.add(is.id);
            n++;
          }
        }
      }
    }
    return n;
  }
  /**
   * Forgets instances last seen before {@code cutoffMs} (the registry follows the fleet, not its whole
   * history). Their counter state went long before (see {@link #evictSilent}). Returns how many.
   */
  int evictGoneInstances(long cutoffMs) {
    int n = 0;
    for (ServiceState svc : services.values()) {
      var it = svc.instances.values().iterator();
      while (it.hasNext()) {
        InstanceRecord rec = it.next();
        if (rec.lastSeenMs < cutoffMs && !rec.dirty) {
          it.remove();
          instanceService.remove(rec);
          dirtyInstances.remove(rec);
          evictedInstances.add(new StoredInstance(svc.name, rec.instance, rec.firstSeenMs, rec.lastSeenMs,
              rec.version));
          n++;
        }
      }
    }
    return n;
  }

}
