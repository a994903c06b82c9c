package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link SliCounts} over minutes, hours and days, with a cache of closed periods. For each SLO it reads what
 * {@link CountPlan} says (minutes for the recent part and for window edges, hour cells beyond, day cells where hours
 * have expired), so windows longer than the minute retention (28 and 30 days, quarters) keep their old part, and
 * a 30-day window reads about 1,400 hour cells per series instead of 43,200 minutes. The hours of a UTC day that a
 * calendar period in another zone starts inside come from this cache once they are past the hour retention (their
 * day cell also holds hours before the period), so such a period stays exact while the server runs; after a restart
 * they count as no events and the counts' note says so.
 *
 * <p>Cache: per service and SLI (so SLOs sharing an SLI share it; a changed SLI is a new key), the good and total
 * events of every <em>settled</em> block read: an hour (its minutes, or its hour cell) or a day, settled once it
 * ended more than the late window ({@code rollup.late-window}) before the evaluation time, after which no sample
 * can change it. A refresh then reads only the blocks not settled yet (the last late window) and the new ones.
 * Entries of SLIs no longer defined are dropped by {@link #retain}; blocks older than the longest range asked for
 * are dropped as time moves on; past {@code maxCachedValues} values in all, the least recently used SLIs are
 * dropped whole (they are read again in full on their next refresh).
 */
public final class DownsampledSliCounts implements SliCounts {
  /** Default bound of the cache: 16 M values (128 MB of doubles, about 50 B of bookkeeping per block on top). */
  public static final long DEFAULT_MAX_CACHED_VALUES = 16_000_000L;
  private static final long HOUR = Resolution.HOUR.ms();
  private static final int MINUTES_PER_HOUR = 60;
  private static final double[] NOTHING = {0, 0};

  private final RollupReader reader;
  private final Vertx vertx;
  private final CountPlan.Retention retention;
  private final long lateWindowMs;
  private final long maxCachedValues;
  private final LinkedHashMap<Key, Entry> cache = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedValues;
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong cellsRead = new AtomicLong();

  /**
   * @param minuteRetention how long minute cells are kept ({@code rollup.retention.minutes})
   * @param hourRetention   how long hour cells are kept
   * @param dayRetention    how long day cells are kept
   * @param lateWindow      how old a sample may be and still land ({@code rollup.late-window})
   * @param maxCachedValues bound of the cache in values (2 per hour or day cell, 120 per hour of minutes)
   */
  public DownsampledSliCounts(RollupReader reader, Vertx vertx, Duration minuteRetention, Duration hourRetention,
      Duration dayRetention, Duration lateWindow, long maxCachedValues) {
    this.reader = reader;
    this.vertx = vertx;
    this.retention = new CountPlan.Retention(minuteRetention, hourRetention, dayRetention);
    this.lateWindowMs = lateWindow.toMillis();
    this.maxCachedValues = maxCachedValues;
  }

  /**
   * With the default retentions (minutes 14 d, hours 93 d, days 3 years) and cache bound; {@code lateWindow} must
   * be the reader's ({@code rollup.late-window}), since blocks older than it are cached for good.
   */
  public DownsampledSliCounts(RollupReader reader, Vertx vertx, Duration lateWindow) {
    this(reader, vertx, CountPlan.Retention.DEFAULTS.minutes(), CountPlan.Retention.DEFAULTS.hours(),
        CountPlan.Retention.DEFAULTS.days(), lateWindow, DEFAULT_MAX_CACHED_VALUES);
  }

  /** What the counts read and hold so far. */
  public record Stats(long reads, long cellsRead, long cachedValues, int cachedSlis) {
  }

  public Stats stats() {
    synchronized (cache) {
      return new Stats(reads.get(), cellsRead.get(), cachedValues, cache.size());
    }
  }

  private record Key(String service, Sli sli) {
  }

  /** Settled blocks of one SLI: hour → 120 values (good per minute, then total per minute), hour or day → 2. */
  private static final class Entry {
    final TreeMap<Long, double[]> minutes = new TreeMap<>();
    final TreeMap<Long, double[]> hours = new TreeMap<>();
    final TreeMap<Long, double[]> days = new TreeMap<>();
    long values;
    long longestRangeMs;

    TreeMap<Long, double[]> of(Resolution r) {
      return r == Resolution.MINUTE ? minutes : r == Resolution.HOUR ? hours : days;
    }
  }

  /** Every minute of [fromMs, toMs) as its own cell (no definition, so no plan and no cache). */
  @Override
  public Future<MinuteCounts> counts(String service, Sli sli, long fromMs, long toMs) {
    int n = (int) ((toMs - fromMs) / MinuteCounts.MINUTE_MS);
    return fold(service, sli, fromMs, toMs, Resolution.MINUTE, n).map(gt -> {
      MinuteCounts.Builder b = new MinuteCounts.Builder(fromMs, fromMs + n * MinuteCounts.MINUTE_MS);
      for (int i = 0; i < n; i++) {
        b.add(fromMs + i * MinuteCounts.MINUTE_MS, gt[0][i], gt[1][i]);
      }
      return b.build(fromMs, fromMs, null);
    });
  }

  @Override
  public void retain(Collection<SloDefinition> definitions) {
    Set<Key> live = new HashSet<>();
    definitions.forEach(d -> live.add(new Key(d.service(), d.sli())));
    synchronized (cache) {
      cache.entrySet().removeIf(e -> {
        if (live.contains(e.getKey())) {
          return false;
        }
        cachedValues -= e.getValue().values;
        return true;
      });
    }
  }

  @Override
  public Future<MinuteCounts> counts(SloDefinition d, long fromMs, long toMs) {
    CountPlan plan = CountPlan.of(d, fromMs, toMs, retention);
    Key key = new Key(d.service(), d.sli());
    long settledBefore = toMs - lateWindowMs;
    Map<CountPlan.Block, double[]> found = new LinkedHashMap<>();
    List<CountPlan.Block> missing = new ArrayList<>();
    List<CountPlan.Block> lost = new ArrayList<>();
    synchronized (cache) {
      Entry e = cache.get(key);
      for (CountPlan.Block b : plan.blocks()) {
        double[] v = e == null ? null : cached(e, b);
        if (v != null) {
          found.put(b, v);
        } else if (plan.cachedOnly().contains(b)) {
          found.put(b, NOTHING);
          lost.add(b);
        } else {
          missing.add(b);
        }
      }
    }
    List<Future<Map<CountPlan.Block, double[]>>> runs = new ArrayList<>();
    for (List<CountPlan.Block> run : runs(missing)) {
      runs.add(read(d, run, toMs));
    }
    return Future.all(runs).compose(all -> fold(() -> {
      Map<CountPlan.Block, double[]> fresh = new LinkedHashMap<>();
      for (Future<Map<CountPlan.Block, double[]>> f : runs) {
        fresh.putAll(f.result());
      }
      remember(key, fresh, settledBefore, toMs - fromMs, toMs);
      found.putAll(fresh);
      return assemble(plan, found, retention, lost);
    }));
  }

  /** A cached block's values: the block itself, or an hour's minutes summed when its hour cell is asked for. */
  private static double[] cached(Entry e, CountPlan.Block b) {
    double[] v = e.of(b.read()).get(b.startMs());
    if (v == null && b.read() == Resolution.HOUR) {
      double[] m = e.minutes.get(b.startMs());
      if (m != null) {
        double g = 0;
        double t = 0;
        for (int i = 0; i < MINUTES_PER_HOUR; i++) {
          g += m[i];
          t += m[MINUTES_PER_HOUR + i];
        }
        v = new double[] {g, t};
      }
    }
    return v;
  }

  /** Consecutive blocks of one resolution, each run read at once. */
  private static List<List<CountPlan.Block>> runs(List<CountPlan.Block> blocks) {
    List<List<CountPlan.Block>> out = new ArrayList<>();
    List<CountPlan.Block> cur = null;
    for (CountPlan.Block b : blocks) {
      CountPlan.Block last = cur == null ? null : cur.get(cur.size() - 1);
      if (last == null || last.read() != b.read() || last.endMs() != b.startMs()) {
        cur = new ArrayList<>();
        out.add(cur);
      }
      cur.add(b);
    }
    return out;
  }

  /** Reads one run and splits it into its blocks' values. */
  private Future<Map<CountPlan.Block, double[]>> read(SloDefinition d, List<CountPlan.Block> run, long toMs) {
    Resolution r = run.get(0).read();
    long from = run.get(0).startMs();
    long to = Math.min(toMs, run.get(run.size() - 1).endMs());
    long step = r.ms();
    int n = (int) ((run.get(run.size() - 1).endMs() - from) / step);
    Future<double[][]> folded = fold(d.service(), d.sli(), from, to, r, n);
    return folded.map(gt -> {
      Map<CountPlan.Block, double[]> out = new LinkedHashMap<>();
      for (CountPlan.Block b : run) {
        if (r == Resolution.MINUTE) {
          int o = (int) ((b.startMs() - from) / step);
          double[] v = new double[2 * MINUTES_PER_HOUR];
          System.arraycopy(gt[0], o, v, 0, MINUTES_PER_HOUR);
          System.arraycopy(gt[1], o, v, MINUTES_PER_HOUR, MINUTES_PER_HOUR);
          out.put(b, v);
        } else {
          int i = (int) ((b.startMs() - from) / step);
          out.put(b, new double[] {gt[0][i], gt[1][i]});
        }
      }
      return out;
    });
  }

  /** Reads the SLI's series over [from, to) at {@code r} and folds them into n cells: [0] good, [1] total. */
  private Future<double[][]> fold(String service, Sli sli, long from, long to, Resolution r, int n) {
    long step = r.ms();
    if (sli instanceof Sli.Ratio ratio) {
      MetricSelector part = ratio.good() != null ? ratio.good() : ratio.bad();
      Future<List<SeriesCells>> p = cells(service, part, from, to, r);
      Future<List<SeriesCells>> t = cells(service, ratio.total(), from, to, r);
      return Future.all(p, t).compose(v -> fold(() -> CellFold.ratio(ratio.good() != null, p.result(),
          t.result(), from, step, n)));
    }
    if (sli instanceof Sli.Latency l) {
      return cells(service, l.histogram(), from, to, r)
          .compose(c -> fold(() -> CellFold.latency(l.threshold(), c, from, step, n)));
    }
    Sli.Gauge g = (Sli.Gauge) sli;
    return cells(service, g.gauge(), from, to, r).compose(c -> fold(() -> CellFold.gauge(c, from, n)));
  }

  private Future<List<SeriesCells>> cells(String service, MetricSelector s, long from, long to, Resolution r) {
    reads.incrementAndGet();
    Future<List<SeriesCells>> f = r == Resolution.MINUTE
        ? reader.cells(service, s.metric(), s.matchers(), from, to)
        : reader.cells(service, s.metric(), s.matchers(), from, to, r);
    return f.onSuccess(list -> {
      long n = 0;
      for (SeriesCells c : list) {
        n += c.cells().size();
      }
      cellsRead.addAndGet(n);
    });
  }

  /** Keeps the settled blocks just read; drops blocks older than the longest range; bounds the whole cache. */
  private void remember(Key key, Map<CountPlan.Block, double[]> fresh, long settledBefore, long rangeMs, long toMs) {
    synchronized (cache) {
      Entry e = cache.computeIfAbsent(key, k -> new Entry());
      for (Map.Entry<CountPlan.Block, double[]> f : fresh.entrySet()) {
        CountPlan.Block b = f.getKey();
        if (b.endMs() <= settledBefore) {
          double[] old = e.of(b.read()).put(b.startMs(), f.getValue());
          e.values += f.getValue().length - (old == null ? 0 : old.length);
          cachedValues += f.getValue().length - (old == null ? 0 : old.length);
        }
      }
      e.longestRangeMs = Math.max(e.longestRangeMs, rangeMs);
      long keepFrom = Resolution.DAY.floor(toMs - e.longestRangeMs) - Resolution.DAY.ms();
      for (Resolution r : Resolution.values()) {
        var old = e.of(r).headMap(keepFrom);
        for (double[] v : old.values()) {
          e.values -= v.length;
          cachedValues -= v.length;
        }
        old.clear();
      }
      var it = cache.entrySet().iterator();
      while (cachedValues > maxCachedValues && it.hasNext()) {
        Map.Entry<Key, Entry> eldest = it.next();
        if (eldest.getKey().equals(key)) {
          continue;
        }
        cachedValues -= eldest.getValue().values;
        it.remove();
      }
    }
  }

  /** The plan's blocks as cells: hours and days at their first minute, minutes within [from, to). */
  private static MinuteCounts assemble(CountPlan plan, Map<CountPlan.Block, double[]> values,
      CountPlan.Retention retention, List<CountPlan.Block> lost) {
    MinuteCounts.Builder out = new MinuteCounts.Builder(plan.fromMs(), plan.toMs());
    long hourlyFrom = plan.fromMs();
    for (CountPlan.Block b : plan.blocks()) {
      double[] v = values.get(b);
      if (b.read() == Resolution.MINUTE) {
        for (int m = 0; m < MINUTES_PER_HOUR; m++) {
          long t = b.startMs() + m * MinuteCounts.MINUTE_MS;
          if (t >= plan.fromMs() && t < plan.toMs()) {
            out.add(t, v[m], v[MINUTES_PER_HOUR + m]);
          }
        }
      } else {
        out.add(b.startMs(), v[0], v[1]);
        hourlyFrom = b.read() == Resolution.DAY ? b.endMs() : hourlyFrom;
      }
    }
    // a rounded window start only matters when its hour had events
    String note = plan.note();
    if (plan.roundedEdge() != null && values.get(plan.roundedEdge())[1] > 0) {
      String edge = plan.roundedEdgeNote(retention.minutes());
      note = note == null ? edge : edge + "; " + note;
    }
    if (!lost.isEmpty()) {
      String gone = lost.size() + "h at the start of the range lie past the hour retention (" + SloJsonCodec
          .formatDuration(retention.hours()) + ") in a UTC day that began before it, and were not read before they "
          + "expired (since the server started): they count as no events";
      note = note == null ? gone : note + "; " + gone;
    }
    return out.build(plan.fineFromMs(), hourlyFrom, note);
  }

  private <T> Future<T> fold(Callable<T> work) {
    if (vertx == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(work, false);
  }
}
