package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@link SliCounts} over the read path every query uses ({@link RollupReader}: the engine's published immutable
 * snapshots plus the store, never the writer thread). Reads the minute cells of the SLI's series and folds them
 * into per-minute counts:
 * <ul>
 *   <li>ratio: the summed {@code increase} of counter series (a histogram series counts its observations);
 *   <li>latency: per minute, the merged histograms' observations at or below the threshold out of all;
 *   <li>gauge: one event per minute with readings, good when the minute's smallest reading is ≥ 1.
 * </ul>
 * Folding runs on a worker thread when a {@link Vertx} is given ({@code executeBlocking(…, false)}), inline
 * otherwise (tests, tools).
 */
public final class ReaderSliCounts implements SliCounts {
  private final RollupReader reader;
  private final Vertx vertx;

  public ReaderSliCounts(RollupReader reader, Vertx vertx) {
    this.reader = reader;
    this.vertx = vertx;
  }

  @Override
  public Future<MinuteCounts> counts(String service, Sli sli, long fromMs, long toMs) {
    if (sli instanceof Sli.Ratio r) {
      MetricSelector part = r.good() != null ? r.good() : r.bad();
      Future<List<SeriesCells>> partCells = read(service, part, fromMs, toMs);
      Future<List<SeriesCells>> totalCells = read(service, r.total(), fromMs, toMs);
      return Future.all(partCells, totalCells).compose(v -> fold(() -> ratio(r.good() != null,
          partCells.result(), totalCells.result(), fromMs, toMs)));
    }
    if (sli instanceof Sli.Latency l) {
      return read(service, l.histogram(), fromMs, toMs).compose(cells -> fold(() -> latency(l.threshold(), cells,
          fromMs, toMs)));
    }
    Sli.Gauge g = (Sli.Gauge) sli;
    return read(service, g.gauge(), fromMs, toMs).compose(cells -> fold(() -> gauge(cells, fromMs, toMs)));
  }

  private Future<List<SeriesCells>> read(String service, MetricSelector s, long fromMs, long toMs) {
    return reader.cells(service, s.metric(), s.matchers(), fromMs, toMs);
  }

  private Future<MinuteCounts> fold(Callable<MinuteCounts> work) {
    if (vertx == null) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    return vertx.executeBlocking(work, false);
  }

  static MinuteCounts ratio(boolean partIsGood, List<SeriesCells> part, List<SeriesCells> totals, long fromMs,
      long toMs) {
    int n = minutes(fromMs, toMs);
    double[] p = new double[n];
    double[] total = new double[n];
    addEvents(part, p, fromMs);
    addEvents(totals, total, fromMs);
    double[] good = new double[n];
    for (int i = 0; i < n; i++) {
      double g = partIsGood ? p[i] : total[i] - p[i];
      good[i] = Math.max(0, Math.min(g, total[i]));
    }
    return MinuteCounts.adopt(fromMs, good, total);
  }

  private static void addEvents(List<SeriesCells> series, double[] into, long fromMs) {
    for (SeriesCells s : series) {
      boolean histogram = s.key().kind() == MetricKind.HISTOGRAM;
      if (s.key().kind() == MetricKind.GAUGE) {
        continue;
      }
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, into.length);
        if (i >= 0) {
          into[i] += histogram ? c.count() : c.increase();
        }
      }
    }
  }

  static MinuteCounts latency(double threshold, List<SeriesCells> series, long fromMs, long toMs) {
    int n = minutes(fromMs, toMs);
    double[] good = new double[n];
    double[] total = new double[n];
    long limit = LatencyHistograms.toMicros(threshold);
    for (SeriesCells s : series) {
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, n);
        if (i >= 0 && c.histogram() != null) {
          long all = c.histogram().getTotalCount();
          if (all > 0) {
            total[i] += all;
            good[i] += c.histogram().getCountBetweenValues(0, limit);
          }
        }
      }
    }
    return MinuteCounts.adopt(fromMs, good, total);
  }

  static MinuteCounts gauge(List<SeriesCells> series, long fromMs, long toMs) {
    int n = minutes(fromMs, toMs);
    double[] min = new double[n];
    boolean[] seen = new boolean[n];
    for (SeriesCells s : series) {
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, n);
        if (i >= 0 && c.count() > 0) {
          min[i] = seen[i] ? Math.min(min[i], c.min()) : c.min();
          seen[i] = true;
        }
      }
    }
    double[] good = new double[n];
    double[] total = new double[n];
    for (int i = 0; i < n; i++) {
      if (seen[i]) {
        total[i] = 1;
        good[i] = min[i] >= 1 ? 1 : 0;
      }
    }
    return MinuteCounts.adopt(fromMs, good, total);
  }

  private static int minutes(long fromMs, long toMs) {
    return (int) ((toMs - fromMs) / MinuteCounts.MINUTE_MS);
  }

  private static int index(long minuteMs, long fromMs, int n) {
    long i = (minuteMs - fromMs) / MinuteCounts.MINUTE_MS;
    return minuteMs < fromMs || i >= n ? -1 : (int) i;
  }
}
