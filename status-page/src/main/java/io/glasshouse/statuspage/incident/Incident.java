package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An incident or a scheduled maintenance as customers see it once published (Statuspage models both as incidents;
 * maintenance has {@code scheduledFor}/{@code scheduledUntil} and a maintenance {@link IncidentStatus}).
 *
 * @param id stable id (used in {@code /status/incidents/{id}} and the JSON API)
 * @param name the title
 * @param status the current status (the latest update's)
 * @param impact the impact
 * @param createdAt when it was published
 * @param updatedAt when it last changed
 * @param monitoringAt when it first entered {@code monitoring}, or null
 * @param resolvedAt when it was resolved or completed, or null
 * @param startedAt when the problem started (may precede publication), or null for {@code createdAt}
 * @param scheduledFor maintenance start, or null for an incident
 * @param scheduledUntil maintenance end, or null for an incident
 * @param components the affected component ids and the status the incident currently holds them at
 * @param updates the timeline, newest first
 */
public record Incident(String id, String name, IncidentStatus status, Impact impact, Instant createdAt,
    Instant updatedAt, Instant monitoringAt, Instant resolvedAt, Instant startedAt, Instant scheduledFor,
    Instant scheduledUntil, Map<String, ComponentStatus> components, List<IncidentUpdate> updates) {

  public Incident {
    components = components == null ? Map.of() : Map.copyOf(components);
    updates = updates == null ? List.of() : List.copyOf(updates);
  }

  /** True for scheduled maintenance. */
  public boolean isMaintenance() {
    return scheduledFor != null;
  }

  /** True while not resolved, completed or post-mortem. */
  public boolean isOpen() {
    return !status.isClosed();
  }
}
