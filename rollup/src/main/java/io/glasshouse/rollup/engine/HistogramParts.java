package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.StoredPendingParts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the parts of Prometheus classic histograms ({@link Sample#isHistogramPart()}) into histogram minutes,
 * whichever request carried which part and in whatever order.
 *
 * <p>Each part ({@code _bucket{le}}, {@code _count}, {@code _sum}) is its own cumulative instance series with its
 * own reset detection; the engine hands its increase here. Increases are collected per instance histogram and
 * scrape timestamp (all parts of one scrape carry the same one). The observations of a bucket interval
 * {@code (lower, upper]} are the increase at {@code upper} minus the increase at {@code lower} ({@code _count}, or
 * the {@code le="+Inf"} bucket, whichever arrives first, is the upper end of the overflow interval); an interval is recorded as soon as both of its ends have arrived, so a
 * complete scrape is recorded exactly once whatever the order of its parts. The bounds an instance histogram has
 * (its layout) are learned from its parts, and for a new instance from the other instances of the same rollup
 * series; when a bound appears that splits an interval already recorded, the recorded interval stands (nothing is
 * counted twice). The first scrape of a histogram no instance has sent before (layout unknown) waits until
 * {@value #PROVISIONAL_SCRAPES} newer scrapes arrived or the next checkpoint, and is then recorded with the parts
 * that arrived. A scrape whose parts stay incomplete (a bucket stopped being sent) is recorded with the parts
 * that did arrive once a scrape {@value #FLUSH_AFTER_MS} ms newer arrives, or when more than
 * {@value #MAX_PENDING} are pending. {@code _sum} increases add to the minute's sum directly.
 *
 * <p>After a restart the layouts are learned again from the restored {@code _bucket} part series (see
 * {@code RollupState#restore}), so a scrape whose parts the journal replays waits for its other parts instead of
 * being recorded early as a provisional one. The scrapes still waiting for parts when a checkpoint is captured go
 * into that checkpoint ({@link #savePending()}, encoded by {@link PendingScrapes}) beside the parts' cumulative
 * baselines, and are restored on start before the journal after it replays ({@link #restorePending}), so a crash
 * between a checkpoint and a scrape's last part loses nothing and counts nothing twice. Single-threaded (the
 * writer thread).
 */
final class HistogramParts {
  static final String LE = "le";
  static final long FLUSH_AFTER_MS = 60_000;
  static final int MAX_PENDING = 16;
  static final int PROVISIONAL_SCRAPES = 2;
  private static final double START = Double.NEGATIVE_INFINITY;
  private static final double TOP = Double.POSITIVE_INFINITY;

  /** Which part a sample is, and the bound of a bucket part. */
  enum Kind { BUCKET, COUNT, SUM, INF_BUCKET, NONE }

  /** Observations of one interval to add to a minute of a rollup series. */
  record Emission(RollupSeries rollup, long minuteMs, Buckets buckets) {
  }

  private final Map<Labels, Group> groups = new HashMap<>();
  private final Map<RollupSeries, TreeSet<Double>> layouts = new HashMap<>();

  /** The part a sample is, from its metric suffix and {@code le} label. */
  static Kind kind(Sample s) {
    String m = s.metric();
    if (m.endsWith("_bucket")) {
      String le = s.labels().get(LE);
      if (le == null) {
        return Kind.NONE;
      }
      double b = bound(le);
      return Double.isNaN(b) ? Kind.NONE : b == TOP ? Kind.INF_BUCKET : Kind.BUCKET;
    }
    if (m.endsWith("_count")) {
      return Kind.COUNT;
    }
    return m.endsWith("_sum") ? Kind.SUM : Kind.NONE;
  }

  /** The histogram's name: the part's metric without its suffix. */
  static String base(Sample s) {
    String m = s.metric();
    int cut = m.lastIndexOf('_');
    return cut > 0 ? m.substring(0, cut) : m;
  }

  /** A Prometheus {@code le} value; NaN when it is not a number. */
  static double bound(String le) {
    switch (le) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return TOP;
      }
      default -> {
        try {
          double d = Double.parseDouble(le);
          return d == START ? Double.NaN : d;
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
  }

  /**
   * Takes the increase of a {@code _bucket} ({@code kind == BUCKET}, finite {@code bound}), {@code le="+Inf"}
   * bucket or {@code _count} part of scrape {@code ts} and returns the intervals that became complete.
   */
  List<Emission> add(RollupSeries rollup, Labels histogramLabels, Kind kind, double bound, long ts, double increase) {
    Group g = group(rollup, histogramLabels);
    if (kind == Kind.BUCKET) {
      learn(g, rollup, bound);
    }
    g.newestTs = Math.max(g.newestTs, ts);
    List<Emission> out = new ArrayList<>(2);
    if (g.done.contains(ts)) {
      return out; // a part of a scrape already recorded whole, e.g. a bound this scrape's layout did not have
    }
    Group group = g;
    Pending p = g.pending.computeIfAbsent(ts, t -> new Pending(t, group.bounds.isEmpty()));
    if (kind == Kind.BUCKET) {
      p.at.merge(bound, increase, Double::sum);
    } else {
      p.at.putIfAbsent(TOP, increase); // _count and le="+Inf" are the same cumulative count
    }
    if (!p.provisional && emitComplete(g.rollup, p, g.bounds, out)) {
      g.pending.remove(ts);
      g.done(ts);
    }
    Iterator<Pending> it = g.pending.values().iterator();
    while (it.hasNext()) {
      Pending old = it.next();
      if (old.ts < g.newestTs - FLUSH_AFTER_MS || g.pending.size() > MAX_PENDING
          || (old.provisional && g.newer(old.ts) >= PROVISIONAL_SCRAPES)) {
        emitArrived(g.rollup, old, out);
        it.remove();
        g.done(old.ts);
      } else {
        break;
      }
    }
    return out;
  }

  /** Teaches a finite bucket bound of an instance histogram (restored from the store after a restart). */
  void learn(RollupSeries rollup, Labels histogramLabels, double bound) {
    learn(group(rollup, histogramLabels), rollup, bound);
  }

  private void learn(Group g, RollupSeries rollup, double bound) {
    g.bounds.add(bound);
    layouts.computeIfAbsent(rollup, r -> new TreeSet<>()).add(bound);
  }

  private Group group(RollupSeries rollup, Labels histogramLabels) {
    Group g = groups.get(histogramLabels);
    if (g == null) {
      g = new Group(rollup);
      TreeSet<Double> shared = layouts.get(rollup);
      if (shared != null) {
        g.bounds.addAll(shared);
      }
      groups.put(histogramLabels, g);
    }
    return g;
  }

  /**
   * Records every first scrape still waiting for its layout with the parts that arrived (called before a
   * checkpoint, so a histogram seen once is not held back indefinitely).
   */
  List<Emission> flushProvisional() {
    List<Emission> out = new ArrayList<>();
    for (Group g : groups.values()) {
      Iterator<Pending> it = g.pending.values().iterator();
      while (it.hasNext()) {
        Pending p = it.next();
        if (p.provisional) {
          emitArrived(g.rollup, p, out);
          it.remove();
          g.done(p.ts);
        }
      }
    }
    return out;
  }

  /** The instance histograms with scrapes waiting for parts, encoded for a checkpoint. */
  List<StoredPendingParts> savePending() {
    List<StoredPendingParts> out = new ArrayList<>();
    for (Map.Entry<Labels, Group> e : groups.entrySet()) {
      Group g = e.getValue();
      if (!g.pending.isEmpty()) {
        out.add(new StoredPendingParts(g.rollup.id, e.getKey(), PendingScrapes.encode(g)));
      }
    }
    return out;
  }

  /**
   * Restores what {@link #savePending()} saved for one instance histogram of {@code rollup} (after the layouts were
   * learned from the restored parts, before the journal replays).
   */
  void restorePending(RollupSeries rollup, Labels histogramLabels, byte[] state) {
    PendingScrapes.decode(state, group(rollup, histogramLabels));
  }

  /** Forgets instance histograms with nothing pending and no scrape since {@code cutoffMs}. */
  void forgetSilent(long cutoffMs) {
    groups.values().removeIf(g -> g.newestTs < cutoffMs && g.pending.isEmpty());
  }

  /** Records every interval of the layout whose two ends arrived; true when the whole scrape is recorded. */
  private static boolean emitComplete(RollupSeries r, Pending p, TreeSet<Double> bounds, List<Emission> out) {
    boolean complete = true;
    double lower = START;
    for (Double upper : bounds) {
      complete &= emitInterval(r, p, lower, upper, out);
      lower = upper;
    }
    complete &= emitInterval(r, p, lower, TOP, out);
    return complete;
  }

  /** Records (lower, upper] if both ends arrived and nothing recorded overlaps it; true when it is covered. */
  private static boolean emitInterval(RollupSeries r, Pending p, double lower, double upper, List<Emission> out) {
    for (int i = 0; i < p.recorded.size(); i += 2) {
      double lo = p.recorded.get(i);
      double hi = p.recorded.get(i + 1);
      if (lo < upper && lower < hi) {
        return lo <= lower && upper <= hi;
      }
    }
    Double atUpper = p.at.get(upper);
    Double atLower = lower == START ? Double.valueOf(0) : p.at.get(lower);
    if (atUpper == null || atLower == null) {
      return false;
    }
    record(r, p, lower, upper, atUpper - atLower, out);
    return true;
  }

  /** A scrape given up on waiting: records the intervals between the parts that did arrive. */
  private static void emitArrived(RollupSeries r, Pending p, List<Emission> out) {
    double lower = START;
    double atLower = 0;
    for (Map.Entry<Double, Double> e : p.at.entrySet()) {
      double upper = e.getKey();
      boolean overlaps = false;
      for (int i = 0; i < p.recorded.size(); i += 2) {
        overlaps |= p.recorded.get(i) < upper && lower < p.recorded.get(i + 1);
      }
      if (!overlaps) {
        record(r, p, lower, upper, e.getValue() - atLower, out);
      }
      lower = upper;
      atLower = e.getValue();
    }
  }

  private static void record(RollupSeries r, Pending p, double lower, double upper, double increase, List<Emission> out) {
    p.recorded.add(lower);
    p.recorded.add(upper);
    long c = Math.max(0, Math.round(increase));
    if (c == 0) {
      return;
    }
    Buckets b;
    if (lower == START && upper == TOP) {
      b = new Buckets(new double[0], new long[] {c}, c, 0);
    } else if (lower == START) {
      b = new Buckets(new double[] {upper}, new long[] {c, 0}, c, 0);
    } else if (upper == TOP) {
      b = new Buckets(new double[] {lower}, new long[] {0, c}, c, 0);
    } else {
      b = new Buckets(new double[] {lower, upper}, new long[] {0, c, 0}, c, 0);
    }
    out.add(new Emission(r, Math.floorDiv(p.ts, 60_000L) * 60_000L, b));
  }

  /** One instance histogram: its layout and the scrapes whose parts are not all recorded yet. */
  static final class Group {
    final RollupSeries rollup;
    final TreeSet<Double> bounds = new TreeSet<>();
    final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** The newest scrapes recorded, so a straggling part of one is not counted again. */
    final TreeSet<Long> done = new TreeSet<>();
    long newestTs = Long.MIN_VALUE;

    Group(RollupSeries rollup) {
      this.rollup = rollup;
    }

    /** How many scrapes newer than {@code ts} this histogram has seen (recently). */
    int newer(long ts) {
      return done.tailSet(ts, false).size() + pending.tailMap(ts, false).size();
    }

    void done(long ts) {
      done.add(ts);
      if (done.size() > MAX_PENDING) {
        done.pollFirst();
      }
    }
  }

  /** One scrape's part increases by bound ({@code +Inf} for {@code _count}) and the intervals recorded. */
  static final class Pending {
    final long ts;
    /** Arrived while the layout was unknown: recorded with the parts that arrived, a few scrapes later. */
    final boolean provisional;
    final TreeMap<Double, Double> at = new TreeMap<>();
    /** Pairs lower, upper. */
    final List<Double> recorded = new ArrayList<>(8);

    Pending(long ts, boolean provisional) {
      this.ts = ts;
      this.provisional = provisional;
    }
  }
}
