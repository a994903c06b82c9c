package io.glasshouse.statuspage.incident;

import java.util.Locale;

/**
 * The status of an incident or a scheduled maintenance, in Statuspage's vocabulary (one field for both, as in its
 * API): incidents move through {@code investigating, identified, monitoring, resolved, postmortem}, maintenance
 * through {@code scheduled, in_progress, verifying, completed}.
 */
public enum IncidentStatus {
  INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED, POSTMORTEM,
  SCHEDULED, IN_PROGRESS, VERIFYING, COMPLETED;

  /** The wire name, e.g. {@code in_progress}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name; throws IllegalArgumentException naming the accepted values. */
  public static IncidentStatus fromWire(String s) {
    for (IncidentStatus v : values()) {
      if (v.wire().equals(s)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown status '" + s + "': use one of investigating, identified, monitoring,"
        + " resolved, postmortem (incidents) or scheduled, in_progress, verifying, completed (maintenance)");
  }

  /** True for the statuses of scheduled maintenance. */
  public boolean isMaintenance() {
    return this == SCHEDULED || this == IN_PROGRESS || this == VERIFYING || this == COMPLETED;
  }

  /** True when the incident or maintenance is over ({@code resolved}, {@code postmortem}, {@code completed}). */
  public boolean isClosed() {
    return this == RESOLVED || this == POSTMORTEM || this == COMPLETED;
  }
}
