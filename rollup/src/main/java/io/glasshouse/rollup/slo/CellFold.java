package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import java.util.List;

/**
 * Folds the cells of an SLI's series (minutes, hours or days: cells of {@code stepMs} from {@code fromMs}) into good
 * and total events per cell, per minute as well as per hour or day: ratio from summed increases (a histogram
 * series counts its observations), latency from the merged histograms, gauge from each minute's smallest reading.
 * Arrays: index {@code i} is the cell starting at {@code fromMs + i × stepMs}; [0] good, [1] total.
 */
final class CellFold {
  private CellFold() {
  }

  static double[][] ratio(boolean partIsGood, List<SeriesCells> part, List<SeriesCells> totals, long fromMs,
      long stepMs, int n) {
    double[] p = new double[n];
    double[] total = new double[n];
    addEvents(part, p, fromMs, stepMs);
    addEvents(totals, total, fromMs, stepMs);
    double[] good = new double[n];
    for (int i = 0; i < n; i++) {
      double g = partIsGood ? p[i] : total[i] - p[i];
      good[i] = Math.max(0, Math.min(g, total[i]));
    }
    return new double[][] {good, total};
  }

  private static void addEvents(List<SeriesCells> series, double[] into, long fromMs, long stepMs) {
    for (SeriesCells s : series) {
      if (s.key().kind() == MetricKind.GAUGE) {
        continue;
      }
      boolean histogram = s.key().kind() == MetricKind.HISTOGRAM;
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, stepMs, into.length);
        if (i >= 0) {
          into[i] += histogram ? c.count() : c.increase();
        }
      }
    }
  }

  static double[][] latency(double threshold, List<SeriesCells> series, long fromMs, long stepMs, int n) {
    double[] good = new double[n];
    double[] total = new double[n];
    long limit = LatencyHistograms.toMicros(threshold);
    for (SeriesCells s : series) {
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, stepMs, n);
        if (i >= 0 && c.histogram() != null) {
          long all = c.histogram().getTotalCount();
          if (all > 0) {
            total[i] += all;
            good[i] += c.histogram().getCountBetweenValues(0, limit);
          }
        }
      }
    }
    return new double[][] {good, total};
  }

  /** Minutes only: one event per minute with readings, good when its smallest reading is at least 1. */
  static double[][] gauge(List<SeriesCells> series, long fromMs, int n) {
    double[] min = new double[n];
    boolean[] seen = new boolean[n];
    for (SeriesCells s : series) {
      for (MinuteCell c : s.cells()) {
        int i = index(c.minuteMs(), fromMs, MinuteCounts.MINUTE_MS, n);
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
    return new double[][] {good, total};
  }

  private static int index(long cellMs, long fromMs, long stepMs, int n) {
    if (cellMs < fromMs) {
      return -1;
    }
    long i = (cellMs - fromMs) / stepMs;
    return i >= n ? -1 : (int) i;
  }
}
