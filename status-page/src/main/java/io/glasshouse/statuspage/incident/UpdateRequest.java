package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An update staff post to an incident or maintenance.
 *
 * @param status     the new status, of the entry's kind (incident or maintenance statuses)
 * @param body       the text, CommonMark, stored raw
 * @param components component ids and their new status (incidents only); may be empty. Resolving an incident
 *                   sets every component it still holds and the update does not name back to operational.
 * @param postedBy   who posts it (the admin token's name), or null when not known
 */
public record UpdateRequest(IncidentStatus status, String body, Map<String, ComponentStatus> components,
    String postedBy) {
  public UpdateRequest {
    components = components == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** A request whose poster is not known. */
  public UpdateRequest(IncidentStatus status, String body, Map<String, ComponentStatus> components) {
    this(status, body, components, null);
  }

  /** This request, posted by {@code name}. */
  public UpdateRequest by(String name) {
    return new UpdateRequest(status, body, components, name);
  }
}
