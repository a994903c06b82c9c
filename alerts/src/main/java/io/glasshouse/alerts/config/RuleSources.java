package io.glasshouse.alerts.config;

import io.glasshouse.alerts.rule.BurnRates;
import io.glasshouse.alerts.rule.CapacityForecasts;
import io.glasshouse.alerts.rule.InstanceHealthSource;
import io.glasshouse.rollup.query.QueryService;

/**
 * What configured rules read: rollup queries, SLO burn rates and facts, capacity forecasts, per-instance health
 * (outliers). A source may be null when not connected; rules needing it then report that they cannot be evaluated
 * (they do not stop start-up).
 */
public record RuleSources(QueryService queries, BurnRates burnRates, CapacityForecasts capacity,
    InstanceHealthSource instances) {
  /** Without instance health: outlier rules cannot be evaluated, pages leave instances out. */
  public RuleSources(QueryService queries, BurnRates burnRates, CapacityForecasts capacity) {
    this(queries, burnRates, capacity, null);
  }
}
