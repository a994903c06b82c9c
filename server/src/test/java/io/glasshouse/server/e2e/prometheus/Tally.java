package io.glasshouse.server.e2e.prometheus;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The exact per-minute figures of what the exporters served, computed the way Prometheus defines increases: per
 * instance series, the difference between consecutive readings, the whole reading after a reset (the value went
 * down) and for the first reading (the store is new, nothing predates it). Keys are the UTC minute starts.
 */
final class Tally {
  private Tally() {
  }

  /** Per-minute increase of one cumulative series summed over the instances. */
  static Map<Long, Double> increase(List<List<TestExporter.Reading>> instances,
      ToDoubleFunction<TestExporter.Reading> series) {
    Map<Long, Double> out = new TreeMap<>();
    for (List<TestExporter.Reading> readings : instances) {
      double previous = Double.NaN;
      for (TestExporter.Reading r : readings) {
        double v = series.applyAsDouble(r);
        double inc = Double.isNaN(previous) || v < previous ? v : v - previous;
        out.merge(minute(r.timestampMs()), inc, Double::sum);
        previous = v;
      }
    }
    return out;
  }

  /** Per-minute smallest or largest gauge reading over the instances. */
  static Map<Long, Double> gauge(List<List<TestExporter.Reading>> instances, boolean max) {
    Map<Long, Double> out = new TreeMap<>();
    for (List<TestExporter.Reading> readings : instances) {
      for (TestExporter.Reading r : readings) {
        out.merge(minute(r.timestampMs()), r.gauge(), max ? Math::max : Math::min);
      }
    }
    return out;
  }

  static long minute(long ms) {
    return Math.floorDiv(ms, 60_000L) * 60_000L;
  }
}
