package io.glasshouse.rollup.status;

import java.util.Locale;

/**
 * The documented rules that set a component's status (see the package documentation for the whole table).
 * Listed in precedence order: an override beats everything; a status an open incident declares shows when it is
 * worse than what a maintenance or the derived rules give; a maintenance beats every derived rule; among derived
 * rules the worse status wins.
 */
public enum StatusRule {
  /** Staff set the status by hand, with a reason and an expiry. */
  OVERRIDE,
  /** An open incident declares a status worse than the one otherwise shown: as declared. */
  INCIDENT,
  /** A maintenance of the component is active: under maintenance. */
  MAINTENANCE,
  /** A service the component lists has no live instance although it should: major outage. */
  NO_LIVE_INSTANCE,
  /** An availability SLO burns over both 1h and 5m above the fast page threshold (14.4): major outage. */
  AVAILABILITY_BURN_1H_5M,
  /** An availability SLO burns over both 6h and 30m above the slow page threshold (6): partial outage. */
  AVAILABILITY_BURN_6H_30M,
  /** A latency SLO burns over both 1h and 5m above the fast page threshold: degraded performance. */
  LATENCY_BURN_1H_5M,
  /** A latency SLO burns over both 6h and 30m above the slow page threshold: degraded performance. */
  LATENCY_BURN_6H_30M,
  /** No rule fires: operational. */
  ALL_CLEAR;

  /** The name used in JSON: {@code no_live_instance}, {@code availability_burn_1h_5m}, … */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
