package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.MetricKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a range query computes per step window, and for which {@link MetricKind} it is defined.
 *
 * <p>All functions aggregate across the instances of a service (already merged in the minute cells) and across
 * the matched series of a group.
 */
public enum QueryFunction {
  /** Counter: sum of the minute increases in the window. */
  INCREASE(MetricKind.COUNTER),
  /** Counter: increase divided by the step in seconds (per-second rate). */
  RATE(MetricKind.COUNTER),
  /** Gauge: smallest reading in the window. */
  MIN(MetricKind.GAUGE),
  /** Gauge: largest reading in the window. */
  MAX(MetricKind.GAUGE),
  /** Gauge: sum of all readings divided by their number (not an average of averages). */
  AVG(MetricKind.GAUGE),
  /**
   * Gauge: the fleet's value, each instance's last reading (among those that reported in the series' newest minute
   * with data in the window) summed over instances and the group's series; per instance when grouped by
   * {@code instance}. See {@link io.glasshouse.rollup.series.InstanceLasts}.
   */
  LAST(MetricKind.GAUGE),
  /** Histogram: number of observations. */
  COUNT(MetricKind.HISTOGRAM),
  /** Histogram: sum of the observed values, in seconds. */
  SUM(MetricKind.HISTOGRAM),
  /** Histogram: the value at quantile {@code q} of the merged distribution, in seconds. */
  QUANTILE(MetricKind.HISTOGRAM),
  /** Histogram: fraction (0..1) of observations at or below {@code threshold} seconds. */
  FRACTION_LE(MetricKind.HISTOGRAM);

  private final MetricKind kind;

  QueryFunction(MetricKind kind) {
    this.kind = kind;
  }

  /** The kind of metric this function applies to. */
  public MetricKind kind() {
    return kind;
  }

  /** The name used in the API ({@code increase}, {@code fraction_le}, …). */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every {@code fn} name the API accepts for a metric kind, including the {@code p50/p90/p99} shorthands. */
  public static List<String> apiNamesFor(MetricKind kind) {
    List<String> names = new ArrayList<>();
    for (QueryFunction f : values()) {
      if (f.kind == kind) {
        names.add(f.apiName());
        if (f == QUANTILE) {
          names.addAll(List.of("p50", "p90", "p99"));
        }
      }
    }
    return names;
  }
}
