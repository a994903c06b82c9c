package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.util.Map;
import java.util.List;

/**
 * Where incidents, maintenance and drafts persist. Calls block (a file write each); callers run them off the event
 * loops. Each {@link #save} is durable when it returns and replaces the whole entry, updates included, so an entry
 * is never half written.
 */
public interface IncidentStore extends AutoCloseable {
  /** Every stored entry, published or draft, in no particular order. */
  List<IncidentEntry> load();

  /** Stores (or replaces) one entry. */
  void save(IncidentEntry entry);

  /** Removes one entry (a discarded draft); nothing when absent. */
  void delete(String id);

  /**
   * The drafts' memory: each component's derived status as last seen by {@link DraftWriter}, so a restart does not
   * draft again for a departure already drafted. Empty when never saved.
   */
  default Map<String, ComponentStatus> draftMemory() {
    return Map.of();
  }

  /** Replaces the drafts' memory. */
  default void saveDraftMemory(Map<String, ComponentStatus> lastDerived) {
  }

  @Override
  void close();
}
