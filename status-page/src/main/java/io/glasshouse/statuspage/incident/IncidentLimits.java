package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The limits and checks every change passes before anything is stored; each failure is an {@link IncidentRejected}
 * naming the field.
 */
public final class IncidentLimits {
  /** Longest name, in characters. */
  public static final int MAX_NAME = 200;
  /** Longest body of one update, in characters. */
  public static final int MAX_BODY = 20_000;
  /** Most components one incident or maintenance may name. */
  public static final int MAX_COMPONENTS = 100;
  /** Most updates one incident may have. */
  public static final int MAX_UPDATES = 500;
  /** Most drafts, open incidents and maintenance not yet completed, together. */
  public static final int MAX_OPEN = 500;

  private IncidentLimits() {
  }

  static String name(String name) {
    if (name == null || name.isBlank()) {
      throw IncidentRejected.field("name", "Field 'name' is required: a title customers read, 1 to " + MAX_NAME
          + " characters.");
    }
    if (name.length() > MAX_NAME) {
      throw IncidentRejected.field("name", "Field 'name' has " + name.length() + " characters; at most " + MAX_NAME
          + " are allowed.");
    }
    return name.strip();
  }

  static String body(String body) {
    if (body == null || body.isBlank()) {
      throw IncidentRejected.field("body", "Field 'body' is required: what customers should know, in CommonMark, "
          + "1 to " + MAX_BODY + " characters.");
    }
    if (body.length() > MAX_BODY) {
      throw IncidentRejected.field("body", "Field 'body' has " + body.length() + " characters; at most " + MAX_BODY
          + " are allowed.");
    }
    return body;
  }

  static IncidentStatus incidentStatus(IncidentStatus s) {
    if (s == null) {
      throw IncidentRejected.field("status", "Field 'status' is required: investigating, identified, monitoring, "
          + "resolved or postmortem.");
    }
    if (s.isMaintenance()) {
      throw IncidentRejected.field("status", "Field 'status': '" + s.wire() + "' is a maintenance status; an "
          + "incident's status is investigating, identified, monitoring, resolved or postmortem.");
    }
    return s;
  }

  static IncidentStatus maintenanceStatus(IncidentStatus s) {
    if (s == null || !s.isMaintenance()) {
      throw IncidentRejected.field("status", "Field 'status'" + (s == null ? " is required" : ": '" + s.wire()
          + "' is an incident status") + "; a maintenance's status is scheduled, in_progress, verifying or "
          + "completed.");
    }
    return s;
  }

  static Impact impact(Impact i) {
    if (i == null) {
      throw IncidentRejected.field("impact", "Field 'impact' is required: none, minor, major or critical.");
    }
    if (i == Impact.MAINTENANCE) {
      throw IncidentRejected.field("impact", "Field 'impact': 'maintenance' is for scheduled maintenance "
          + "(POST /api/v1/maintenances); an incident's impact is none, minor, major or critical.");
    }
    return i;
  }

  /** Incident components: known ids, at most the limit, statuses other than under_maintenance. */
  static Map<String, ComponentStatus> incidentComponents(Map<String, ComponentStatus> c, ComponentDirectory dir) {
    known(c.keySet(), dir);
    c.forEach((id, st) -> {
      if (st == ComponentStatus.UNDER_MAINTENANCE) {
        throw IncidentRejected.field("components", "Field 'components': " + id + " is set to under_maintenance; "
            + "schedule a maintenance for that (POST /api/v1/maintenances). An incident sets operational, "
            + "degraded_performance, partial_outage or major_outage.");
      }
    });
    return c;
  }

  /** Maintenance components: known ids, at least one, at most the limit. */
  static List<String> maintenanceComponents(List<String> ids, ComponentDirectory dir) {
    if (ids == null || ids.isEmpty()) {
      throw IncidentRejected.field("components", "Field 'components' is required: the ids of the components "
          + "under maintenance, for example [\"checkout\"].");
    }
    known(ids, dir);
    return List.copyOf(new java.util.LinkedHashSet<>(ids));
  }

  private static void known(Collection<String> ids, ComponentDirectory dir) {
    if (ids.size() > MAX_COMPONENTS) {
      throw IncidentRejected.field("components", "Field 'components' names " + ids.size() + " components; at most "
          + MAX_COMPONENTS + " are allowed.");
    }
    List<String> all = dir.ids();
    for (String id : ids) {
      if (!all.contains(id)) {
        throw IncidentRejected.field("components", "Field 'components': no component with id '" + id
            + "' is configured; known ids: " + String.join(", ", all) + ".");
      }
    }
  }

  static void startedAt(Instant startedAt, Instant now) {
    if (startedAt != null && startedAt.isAfter(now)) {
      throw IncidentRejected.field("startedAt", "Field 'startedAt' is in the future (now is " + now + "); give "
          + "when the problem started, or leave it out for now.");
    }
  }

  static void window(Instant from, Instant until, Instant now) {
    if (from == null) {
      throw IncidentRejected.field("scheduledFor", "Field 'scheduledFor' is required: when the maintenance starts, "
          + "an ISO-8601 time.");
    }
    if (until == null) {
      throw IncidentRejected.field("scheduledUntil", "Field 'scheduledUntil' is required: when the maintenance "
          + "ends, an ISO-8601 time.");
    }
    if (!until.isAfter(from)) {
      throw IncidentRejected.field("scheduledUntil", "Field 'scheduledUntil' (" + until + ") must be after "
          + "'scheduledFor' (" + from + ").");
    }
    if (!until.isAfter(now)) {
      throw IncidentRejected.field("scheduledUntil", "Field 'scheduledUntil' (" + until + ") is not in the future "
          + "(now is " + now + "); a maintenance that is over cannot be scheduled.");
    }
  }
}
