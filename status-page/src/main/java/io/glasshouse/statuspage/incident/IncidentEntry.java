package io.glasshouse.statuspage.incident;

import java.util.Objects;

/**
 * An incident or maintenance as stored: published, or a draft staff have not published yet (drafts are never part
 * of the {@link IncidentLog}).
 *
 * @param incident the incident (for a draft: as it would be published now)
 * @param draft    true until a person (or {@code incidents.auto-publish}) publishes it
 */
public record IncidentEntry(Incident incident, boolean draft) {
  public IncidentEntry {
    Objects.requireNonNull(incident, "incident");
  }

  public String id() {
    return incident.id();
  }
}
