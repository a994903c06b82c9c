package io.glasshouse.rollup.status;

import java.util.Locale;

/**
 * A component's status in Statuspage's vocabulary. {@link #severity()} orders the outage statuses
 * (operational 0 … major outage 3); under maintenance stands apart from that scale (severity -1): it is planned,
 * excluded from uptime, and wins over derived statuses while a maintenance is active.
 */
public enum ComponentStatus {
  OPERATIONAL(0),
  DEGRADED_PERFORMANCE(1),
  PARTIAL_OUTAGE(2),
  MAJOR_OUTAGE(3),
  UNDER_MAINTENANCE(-1);

  private final int severity;

  ComponentStatus(int severity) {
    this.severity = severity;
  }

  /** 0 (operational) to 3 (major outage); -1 for under maintenance. */
  public int severity() {
    return severity;
  }

  /** True when {@code this} is strictly worse than {@code other} on the outage scale. */
  public boolean worseThan(ComponentStatus other) {
    return severity > other.severity;
  }

  /** Statuspage's name: {@code operational}, {@code degraded_performance}, … */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses Statuspage's name; {@link IllegalArgumentException} listing the allowed names otherwise. */
  public static ComponentStatus fromApiName(String name) {
    for (ComponentStatus s : values()) {
      if (s.apiName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("'" + name + "' is not a component status; expected one of operational, "
        + "degraded_performance, partial_outage, major_outage, under_maintenance");
  }
}
