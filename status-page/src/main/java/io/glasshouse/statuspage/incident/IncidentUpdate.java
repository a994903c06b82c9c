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
 * @param postedBy who posted it: the name of the admin token used, or {@value #STAFF} when not known (posted before
 *                 this was recorded, or by Glasshouse itself); for staff only (admin API, store), never on the
 *                 public page, feeds or {@code /api/v2}
 */
public record IncidentUpdate(String id, IncidentStatus status, String body, Instant createdAt, Instant displayAt,
    List<ComponentChange> affected, String postedBy) {
  /** {@link #postedBy()} when nobody is known. */
  public static final String STAFF = "staff";

  public IncidentUpdate {
    affected = affected == null ? List.of() : List.copyOf(affected);
    postedBy = postedBy == null || postedBy.isBlank() ? STAFF : postedBy;
  }

  /** An update whose poster is not known ({@value #STAFF}). */
  public IncidentUpdate(String id, IncidentStatus status, String body, Instant createdAt, Instant displayAt,
      List<ComponentChange> affected) {
    this(id, status, body, createdAt, displayAt, affected, STAFF);
  }
}
