package io.glasshouse.statuspage.incident;

import java.time.Instant;
import java.util.List;

/**
 * A maintenance staff schedule (or the changes to one: null fields keep their value).
 *
 * @param name           the title
 * @param body           what will happen, CommonMark, stored raw
 * @param scheduledFor   when it starts by itself
 * @param scheduledUntil when it completes by itself; after {@code scheduledFor}
 * @param components     the component ids it puts under maintenance while in progress
 */
public record MaintenanceRequest(String name, String body, Instant scheduledFor, Instant scheduledUntil,
    List<String> components) {
  public MaintenanceRequest {
    components = components == null ? null : List.copyOf(components);
  }
}
