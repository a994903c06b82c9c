package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.instances.InstanceHealthConfig;
import io.glasshouse.rollup.instances.InstanceRing;
import io.glasshouse.rollup.instances.Signals;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.sample.WellKnownLabels;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.store.CellRow;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.CorruptStoreException;
import io.glasshouse.rollup.store.StoredInstance;
import io.glasshouse.rollup.store.StoredInstanceSeries;
import io.glasshouse.rollup.store.StoredPendingParts;
import io.glasshouse.rollup.store.StoredSeries;
import io.glasshouse.rollup.store.StoredState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 *   <li>delta input adds as it is; gauges fold into min, max, sum, count, last and each instance's last.</li>
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
  private final List<RollupSeries> touched = new ArrayList<>();
  private final List<StoredInstance> evictedInstances = new ArrayList<>();
  private final List<Long> retiredIds = new ArrayList<>();
  private int rollupSeriesTotal;
  private int instanceSeriesTotal;
  /** Histogram samples whose counts had to be scaled down to keep a minute's count within its bound. */
  long saturatedSamples;
  private final HistogramParts histogramParts = new HistogramParts();
  private long nextSeriesId = 1;
  private long nextInstanceSeriesId = 1;
  long historyStartMs;
  long generation;
  private InstanceHealthConfig instanceHealth = InstanceHealthConfig.defaults();
  /** Bumped when {@link #instanceHealth} changes, so instance series work out their role again. */
  private int healthEpoch;

  RollupState(RollupConfig config) {
    this.config = config;
  }

  Map<String, ServiceState> services() {
    return services;
  }

  int seriesCount() {
    return rollupSeriesTotal;
  }

  int instanceSeriesCount() {
    return instanceSeriesTotal;
  }

  /** Rollup series plus instance series: what {@link RollupConfig#maxTotalSeries()} bounds. */
  int totalSeries() {
    return rollupSeriesTotal + instanceSeriesTotal;
  }

  int instanceCount() {
    int n = 0;
    for (ServiceState s : services.values()) {
      n += s.instances.size();
    }
    return n;
  }

  // ---- restore ----

  /**
   * Loads what the store holds. Arrival times are not stored: a restored instance or instance series counts as
   * last arrived (and an instance as last heard from) at its last sample time, which for live data is within
   * seconds of its arrival. So instances that were live stay live, and restarts do not keep gone instances in
   * the registry beyond their retention.
   */
  void restore(StoredState st, long nowMs) {
    historyStartMs = st.historyStartMs();
    generation = st.generation();
    Map<Long, RollupSeries> byId = new HashMap<>();
    for (StoredSeries s : st.series()) {
      RollupSeries r = new RollupSeries(s.id(), s.key(), true);
      r.lastMinuteMs = s.lastMinuteMs() == Long.MIN_VALUE ? Math.floorDiv(nowMs, 60_000L) * 60_000L : s.lastMinuteMs();
      service(s.key().service()).series.put(s.key(), r);
      byId.put(s.id(), r);
      rollupSeriesTotal++;
      nextSeriesId = Math.max(nextSeriesId, s.id() + 1);
    }
    for (StoredInstance i : st.instances()) {
      ServiceState svc = service(i.service());
      InstanceRecord rec = new InstanceRecord(i.instance(), i.firstSeenMs(), i.lastSeenMs(), i.version());
      rec.lastArrivalMs = Math.min(i.lastSeenMs(), nowMs);
      rec.lastHeardMs = rec.lastArrivalMs;
      svc.instances.put(i.instance(), rec);
      instanceService.put(rec, i.service());
    }
    for (StoredInstanceSeries s : st.instanceSeries()) {
      RollupSeries r = byId.get(s.seriesId());
      if (r == null) {
        continue;
      }
      InstanceSeries is = new InstanceSeries(s.id(), r, s.metric(), s.labels(), Math.min(s.lastTs(), nowMs));
      is.lastValue = s.lastValue();
      is.lastBuckets = s.lastBuckets();
      is.startMs = s.startMs();
      is.lastTs = s.lastTs();
      service(r.key.service()).put(is);
      learnLayout(is);
      instanceSeriesTotal++;
      nextInstanceSeriesId = Math.max(nextInstanceSeriesId, s.id() + 1);
    }
    for (StoredPendingParts p : st.pendingParts()) {
      RollupSeries r = byId.get(p.seriesId());
      if (r == null) {
        continue; // the series was retired
      }
      try {
        histogramParts.restorePending(r, p.labels(), p.state());
      } catch (IllegalArgumentException e) {
        throw new CorruptStoreException("glasshouse.db: the pending histogram parts of " + p.labels() + " cannot be"
            + " read (" + e.getMessage() + "); restore the data folder from a backup, or delete the rows of"
            + " pending_histogram_parts with the sqlite3 tool (which loses only those half-arrived scrapes)");
      }
    }
  }

  /**
   * A restored {@code _bucket} part teaches its histogram's layout, so the first scrape replayed or received after
   * a restart waits for its missing parts like any other instead of being recorded with the parts that arrived
   * (which would drop the parts still to come as stragglers of a scrape already recorded).
   */
  private void learnLayout(InstanceSeries is) {
    if (is.rollup.key.kind() != MetricKind.HISTOGRAM || !is.metric.endsWith("_bucket")) {
      return;
    }
    String le = is.labels.get(HistogramParts.LE);
    double bound = le == null ? Double.NaN : HistogramParts.bound(le);
    if (Double.isFinite(bound)) {
      is.histogramLabels = is.labels.filter(n -> !n.equals(HistogramParts.LE)).with("__name__", is.rollup.key.metric());
      histogramParts.learn(is.rollup, is.histogramLabels, bound);
    }
  }

  private ServiceState service(String name) {
    return services.computeIfAbsent(name, ServiceState::new);
  }

  // ---- admission ----

  /**
   * The samples of a batch the engine will apply, and the ones refused. {@code known[i]} is the instance series
   * of {@code admitted.get(i)} when it already existed, so {@link #apply(List, InstanceSeries[], long, Protocol)} does not
   * look it up again.
   */
  record Admission(List<Sample> admitted, InstanceSeries[] known, List<Rejection> rejected) {
  }

  /** Decides which samples to apply, without changing anything; see {@link AdmissionControl}. */
  Admission admit(List<Sample> samples, boolean atomic, long nowMs) {
    return AdmissionControl.admit(this, config, samples, atomic, nowMs);
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

  /**
   * Applies samples that arrived at {@code nowMs}; {@code known}, when given, holds each one's instance series;
   * {@code protocol} (null when replaying the journal) says where instance versions may come from (see
   * {@link InstanceSightings#version}).
   */
  void apply(List<Sample> samples, InstanceSeries[] known, long nowMs, Protocol protocol) {
    for (int i = 0; i < samples.size(); i++) {
      apply(samples.get(i), known == null ? null : known[i], nowMs, protocol);
    }
  }

  private void apply(Sample s, InstanceSeries known, long nowMs, Protocol protocol) {
    ServiceState svc = service(s.service());
    String instanceId = s.instance();
    if (instanceId != null && InstanceSightings.makesLive(s)) {
      InstanceRecord rec = svc.instances.get(instanceId);
      if (rec == null) {
        rec = new InstanceRecord(instanceId, s.timestampMs(), s.timestampMs(), InstanceSightings.version(s, config.versionSources(), protocol));
        svc.instances.put(instanceId, rec);
        instanceService.put(rec, svc.name);
        rec.dirty = true;
      } else {
        rec.seen(s.timestampMs(), InstanceSightings.version(s, config.versionSources(), protocol));
      }
      rec.arrived(s.timestampMs(), nowMs, config.staleAfter().toMillis());
      if (rec.dirty) {
        dirtyInstances.add(rec);
      }
    } else if (instanceId != null && InstanceSightings.marksDown(s)) {
      InstanceRecord rec = svc.instances.get(instanceId);
      if (rec != null) {
        rec.down(s.timestampMs());
      }
    }
    // a series found at admission may have been forgotten or replaced before its batch became durable and applied
    InstanceSeries is = known != null && !known.forgotten ? known : svc.find(s.metric(), s.labels());
    if (is != null && is.rollup.key.kind() != s.kind()) {
      is = changeKind(svc, is, s, nowMs);
    }
    if (is == null) {
      SeriesKey key = rollupKey(s);
      RollupSeries r = svc.series.get(key);
      if (r == null) {
        r = new RollupSeries(nextSeriesId++, key, false);
        svc.series.put(key, r);
        unpersisted.add(r);
        rollupSeriesTotal++;
      }
      is = new InstanceSeries(nextInstanceSeriesId++, r, s.metric(), s.labels(), nowMs);
      svc.put(is);
      instanceSeriesTotal++;
    } else if (nowMs > is.lastArrivalMs) {
      is.lastArrivalMs = nowMs;
    }
    long minute = Math.floorDiv(s.timestampMs(), 60_000L) * 60_000L;
    RollupSeries r = is.rollup;
    if (r.dirty.isEmpty()) {
      dirtySeries.add(r);
    }
    if (!r.touched) {
      r.touched = true;
      touched.add(r);
    }
    CellDelta cell = r.cell(minute);
    switch (s.kind()) {
      case GAUGE -> cell.addGauge(s.instance(), s.value(), s.timestampMs());
      case COUNTER -> {
        double inc = s.temporality() == Temporality.DELTA ? s.value() : counterIncrease(is, s);
        cell.addIncrease(inc);
        if (healthRole(is).requestRank >= 0) {
          feedRequests(svc, is, s, inc);
        }
      }
      case HISTOGRAM -> {
        if (s.isHistogramPart()) {
          double inc = applyHistogramPart(is, s, cell);
          if (healthRole(is).requestRank >= 0) {
            feedRequests(svc, is, s, inc);
          }
          return;
        }
        Buckets b = s.temporality() == Temporality.DELTA ? s.buckets() : histogramIncrease(is, s);
        if (b != null && b.count() > 0 && !cell.addBuckets(b)) {
          saturatedSamples++;
        }
        InstanceSeries role = healthRole(is);
        if (b != null && (role.requestRank >= 0 || role.latencyRank >= 0)) {
          InstanceRing ring = ring(svc, s);
          if (ring != null) {
            if (role.requestRank >= 0) {
              ring.requests(role.requestRank, s.timestampMs(), b.count(), role.error);
            }
            if (role.latencyRank >= 0) {
              ring.latency(role.latencyRank, s.timestampMs(), b);
            }
          }
        }
      }
    }
  }

  // ---- per-instance figures (rollup.instances) ----

  /** Uses {@code config} for per-instance figures from now on; the roles of instance series are worked out again. */
  void configureInstances(InstanceHealthConfig c) {
    instanceHealth = c;
    healthEpoch++;
  }

  InstanceHealthConfig instanceHealth() {
    return instanceHealth;
  }

  /** {@code is} with its role in per-instance figures worked out for the current configuration. */
  private InstanceSeries healthRole(InstanceSeries is) {
    if (is.healthEpoch != healthEpoch) {
      is.healthEpoch = healthEpoch;
      Signals sig = instanceHealth.signals(is.rollup.key.service());
      String metric = is.metric;
      if (is.rollup.key.kind() == MetricKind.HISTOGRAM && !metric.equals(is.rollup.key.metric())) {
        // a classic histogram part: only <base>_count counts requests, and no part feeds latency
        boolean count = metric.equals(is.rollup.key.metric() + "_count");
        is.requestRank = count ? sig.requestRank(is.rollup.key.metric()) : -1;
        is.latencyRank = -1;
      } else {
        is.requestRank = sig.requestRank(metric);
        is.latencyRank = is.rollup.key.kind() == MetricKind.HISTOGRAM ? sig.latencyRank(metric) : -1;
      }
      is.error = is.requestRank >= 0 && sig.isError(is.labels);
    }
    return is;
  }

  private void feedRequests(ServiceState svc, InstanceSeries is, Sample s, double inc) {
    InstanceRing ring = ring(svc, s);
    if (ring != null) {
      ring.requests(is.requestRank, s.timestampMs(), inc, is.error);
    }
  }

  private static InstanceRing ring(ServiceState svc, Sample s) {
    String id = s.instance();
    InstanceRecord rec = id == null ? null : svc.instances.get(id);
    if (rec == null) {
      return null;
    }
    if (rec.ring == null) {
      rec.ring = new InstanceRing();
    }
    return rec.ring;
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
  private double applyHistogramPart(InstanceSeries is, Sample s, CellDelta cell) {
    HistogramParts.Kind kind = HistogramParts.kind(s);
    if (kind == HistogramParts.Kind.NONE) {
      return 0;
    }
    double inc = counterIncrease(is, s);
    if (kind == HistogramParts.Kind.SUM) {
      cell.addHistogramSum(inc);
      return inc;
    }
    if (is.histogramLabels == null) {
      is.histogramLabels = s.labels().filter(n -> !n.equals(HistogramParts.LE)).with("__name__", is.rollup.key.metric());
    }
    double bound = kind == HistogramParts.Kind.BUCKET ? HistogramParts.bound(s.labels().get(HistogramParts.LE))
        : Double.POSITIVE_INFINITY;
    addEmissions(histogramParts.add(is.rollup, is.histogramLabels, kind, bound, s.timestampMs(), inc));
    return inc;
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
  private InstanceSeries changeKind(ServiceState svc, InstanceSeries old, Sample s, long nowMs) {
    SeriesKey key = rollupKey(s);
    RollupSeries r = svc.series.get(key);
    if (r == null) {
      r = new RollupSeries(nextSeriesId++, key, false);
      svc.series.put(key, r);
      unpersisted.add(r);
      rollupSeriesTotal++;
    }
    old.forget(); // replaced below under the same key: the totals stay as they are
    InstanceSeries is = new InstanceSeries(nextInstanceSeriesId++, r, s.metric(), s.labels(), nowMs);
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
      inc = firstReadingIsNew(s) ? Math.max(v, 0) : 0;
    } else if (s.timestampMs() < is.lastTs) {
      return 0; // an older cumulative reading adds nothing we have not counted
    } else if (v < is.lastValue || (s.startTimeMs() > 0 && is.startMs > 0 && s.startTimeMs() != is.startMs)) {
      inc = Math.max(v, 0); // reset: the instance restarted and counts from zero again (never below zero)
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
      r.detach();
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
    List<Long> retired = List.copyOf(retiredIds);
    retiredIds.clear();
    Checkpoint cp = new Checkpoint(journalSeq, generation, historyStartMs, newSeries, cells, instances, iss, evicted,
        gone, retired, histogramParts.savePending());
    return Map.entry(cp, new Detached(bySeries));
  }

  /** Rollup series whose in-memory minutes changed since the last call, for read snapshots; resets the list. */
  List<RollupSeries> takeTouched() {
    List<RollupSeries> out = new ArrayList<>(touched);
    for (RollupSeries r : touched) {
      r.touched = false;
    }
    touched.clear();
    return out;
  }

  boolean hasChanges() {
    return !dirtySeries.isEmpty() || !dirtyInstances.isEmpty() || !dirtyInstanceSeries.isEmpty()
        || !unpersisted.isEmpty() || !evictedIds.isEmpty() || !evictedInstances.isEmpty() || !retiredIds.isEmpty();
  }

  // ---- forgetting (see FleetSweep) ----

  void forgetInstanceSeries(InstanceSeries is) {
    is.forget();
    instanceSeriesTotal--;
    if (is.hasBaseline()) {
      evictedIds.add(is.id); // only cumulative series have a stored row
    }
    if (is.dirty) {
      is.dirty = false;
      dirtyInstanceSeries.remove(is);
    }
  }

  /** Forgets pending classic-histogram scrapes of instances silent since before {@code cutoffMs}. */
  void forgetSilentHistogramParts(long cutoffMs) {
    histogramParts.forgetSilent(cutoffMs);
  }

  void forgetInstance(ServiceState svc, InstanceRecord rec) {
    instanceService.remove(rec);
    dirtyInstances.remove(rec);
    evictedInstances.add(new StoredInstance(svc.name, rec.instance, rec.firstSeenMs, rec.lastSeenMs, rec.version));
  }

  void retireSeries(RollupSeries r) {
    rollupSeriesTotal--;
    retiredIds.add(r.id);
  }
}
