package io.glasshouse.statuspage.incident;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an incident's timeline.
 *
 * @param id stable id of the update
 * @param status the incident's status as of this update
 * @param body the text staff wrote, CommonMark; rendered safely (never as raw HTML)
 * @param createdAt when it was posted
 * @param displayAt when it is shown as posted (normally {@code createdAt})
 * @param affected the component statuses this update changed; empty when none
 */
public record IncidentUpdate(String id, IncidentStatus status, String body, Instant createdAt, Instant displayAt,
    List<ComponentChange> affected) {

  public IncidentUpdate {
    affected = affected == null ? List.of() : List.copyOf(affected);
  }
}
