package io.glasshouse.statuspage.incident;

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

  @Override
  void close();
}
