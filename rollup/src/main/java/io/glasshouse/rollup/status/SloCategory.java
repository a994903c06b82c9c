package io.glasshouse.rollup.status;

/**
 * What an SLO's burn means for a component: {@link #AVAILABILITY} (ratio and boolean SLIs: requests fail) burns
 * into partial or major outage, {@link #LATENCY} (latency SLIs: requests are slow) into degraded performance.
 */
public enum SloCategory {
  AVAILABILITY,
  LATENCY
}
