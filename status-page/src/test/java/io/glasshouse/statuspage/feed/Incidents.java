package io.glasshouse.statuspage.feed;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.statuspage.incident.ComponentChange;
import io.glasshouse.statuspage.incident.Impact;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Incidents and maintenance for tests. */
public final class Incidents {
  private Incidents() {
  }

  /** An incident created at {@code at} holding {@code components} at partial outage, with one update. */
  public static Incident incident(String id, String name, Instant at, String body, String... components) {
    Map<String, ComponentStatus> held = new LinkedHashMap<>();
    for (String c : components) {
      held.put(c, ComponentStatus.PARTIAL_OUTAGE);
    }
    List<ComponentChange> changes = held.keySet().stream()
        .map(c -> new ComponentChange(c, ComponentStatus.OPERATIONAL, ComponentStatus.PARTIAL_OUTAGE)).toList();
    IncidentUpdate u = new IncidentUpdate(id + "-u1", IncidentStatus.INVESTIGATING, body, at, at, changes);
    return new Incident(id, name, IncidentStatus.INVESTIGATING, Impact.MAJOR, at, at, null, null, at, null, null,
        held, List.of(u));
  }

  /** {@code i} with a newer update (newest first) posted {@code after} its last change. */
  public static Incident update(Incident i, IncidentStatus status, String body, Duration after) {
    Instant at = i.updatedAt().plus(after);
    IncidentUpdate u = new IncidentUpdate(i.id() + "-u" + (i.updates().size() + 1), status, body, at, at, List.of());
    List<IncidentUpdate> updates = new java.util.ArrayList<>();
    updates.add(u);
    updates.addAll(i.updates());
    return new Incident(i.id(), i.name(), status, i.impact(), i.createdAt(), at, i.monitoringAt(),
        status.isClosed() ? at : null, i.startedAt(), i.scheduledFor(), i.scheduledUntil(), i.components(), updates);
  }

  /** Scheduled maintenance of {@code component} from {@code from} for two hours, published at {@code at}. */
  public static Incident maintenance(String id, String name, Instant at, Instant from, String component) {
    IncidentUpdate u = new IncidentUpdate(id + "-u1", IncidentStatus.SCHEDULED, "We will upgrade the database.", at,
        at, List.of());
    return new Incident(id, name, IncidentStatus.SCHEDULED, Impact.MAINTENANCE, at, at, null, null, null, from,
        from.plus(Duration.ofHours(2)), Map.of(component, ComponentStatus.UNDER_MAINTENANCE), List.of(u));
  }
}
