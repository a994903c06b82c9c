package io.glasshouse.statuspage.page;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.statuspage.incident.Impact;
import io.glasshouse.statuspage.incident.IncidentStatus;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalDouble;

/** The words and number formats the public page shows for statuses, times and uptime. */
final class Words {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private Words() {
  }

  static String status(ComponentStatus s) {
    return switch (s) {
      case OPERATIONAL -> "Operational";
      case DEGRADED_PERFORMANCE -> "Degraded performance";
      case PARTIAL_OUTAGE -> "Partial outage";
      case MAJOR_OUTAGE -> "Major outage";
      case UNDER_MAINTENANCE -> "Under maintenance";
    };
  }

  static String status(IncidentStatus s) {
    return switch (s) {
      case INVESTIGATING -> "Investigating";
      case IDENTIFIED -> "Identified";
      case MONITORING -> "Monitoring";
      case RESOLVED -> "Resolved";
      case POSTMORTEM -> "Postmortem";
      case SCHEDULED -> "Scheduled";
      case IN_PROGRESS -> "In progress";
      case VERIFYING -> "Verifying";
      case COMPLETED -> "Completed";
    };
  }

  static String impact(Impact i) {
    return switch (i) {
      case NONE -> "No impact";
      case MINOR -> "Minor impact";
      case MAJOR -> "Major impact";
      case CRITICAL -> "Critical impact";
      case MAINTENANCE -> "Maintenance";
    };
  }

  static String when(Instant t, ZoneId zone) {
    return t == null ? "" : WHEN.format(t.atZone(zone));
  }

  static String day(java.time.LocalDate d) {
    return DAY.format(d);
  }

  /** "99.95% uptime", never rounded up to 100 unless it is 100; "No data" when empty. */
  static String uptime(OptionalDouble p) {
    if (p.isEmpty()) {
      return "No data";
    }
    double floored = Math.floor(p.getAsDouble() * 100) / 100;
    return String.format(Locale.ROOT, "%.2f%% uptime", floored);
  }
}
