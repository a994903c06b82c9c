package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What staff send to open an incident (or the edits to a draft when publishing it; there any field may be null and
 * keeps the draft's value).
 *
 * @param name       the title
 * @param impact     the impact
 * @param status     an incident status ({@code investigating … postmortem})
 * @param body       the first update's text, CommonMark, stored raw
 * @param components affected component ids and the status the incident sets each to
 * @param startedAt  when the problem started, if before now; null for now
 */
public record IncidentRequest(String name, Impact impact, IncidentStatus status, String body,
    Map<String, ComponentStatus> components, Instant startedAt) {
  public IncidentRequest {
    components = components == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }
}
