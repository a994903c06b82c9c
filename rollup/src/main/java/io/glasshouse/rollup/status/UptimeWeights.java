package io.glasshouse.rollup.status;

/**
 * How much of a minute in each status counts as downtime in the uptime percentage, each in [0, 1].
 * Operational counts 0; time under maintenance is left out of the day altogether (neither up nor down).
 * Defaults: major outage 1, partial outage 0.3, degraded performance 0.
 */
public record UptimeWeights(double majorOutage, double partialOutage, double degradedPerformance) {
  public static final UptimeWeights DEFAULT = new UptimeWeights(1.0, 0.3, 0.0);

  public UptimeWeights {
    check("major_outage", majorOutage);
    check("partial_outage", partialOutage);
    check("degraded_performance", degradedPerformance);
  }

  /** The downtime weight of a status; 0 for operational and under maintenance. */
  public double of(ComponentStatus s) {
    return switch (s) {
      case MAJOR_OUTAGE -> majorOutage;
      case PARTIAL_OUTAGE -> partialOutage;
      case DEGRADED_PERFORMANCE -> degradedPerformance;
      case OPERATIONAL, UNDER_MAINTENANCE -> 0;
    };
  }

  private static void check(String key, double w) {
    if (!(w >= 0 && w <= 1)) {
      throw new IllegalArgumentException("components.uptime-weights." + key + " must be between 0 and 1, got: " + w);
    }
  }
}
