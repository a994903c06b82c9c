package io.glasshouse.statuspage.incident;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The published incidents and scheduled maintenance, read side: what the public page, the Statuspage-compatible
 * API, the feeds and the subscriptions show. Drafts are not part of it; nothing reaches customers before a person
 * (or a configured rule) publishes it. Implementations are thread-safe and never block the caller.
 */
public interface IncidentLog {
  /** Every published incident and maintenance, newest {@code createdAt} first. */
  List<Incident> all();

  /** One incident or maintenance by id. */
  Optional<Incident> find(String id);

  /**
   * Calls {@code listener} with the new state after every published change (create, update, maintenance starting
   * or completing by itself), on the thread that made the change; the listener must not block.
   */
  void onChange(Consumer<Incident> listener);

  /** A log with nothing published and no changes ever (a server part used before the persistent log is wired). */
  static IncidentLog none() {
    return NoIncidents.INSTANCE;
  }
}
