package io.glasshouse.rollup.config;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Durable storage of configuration objects created through the config API, and of the audit trail.
 *
 * <p>Contract, checked for every implementation by {@code ConfigStoreContract}:
 * <ul>
 *   <li>{@link #apply} writes every change of the list, each object row and its audit entry, in one transaction,
 *       or nothing: after a crash the store holds either all of them or none.</li>
 *   <li>{@link #loadAll} returns exactly the objects committed changes left, in creation order per kind.</li>
 *   <li>{@link #audit} returns entries newest first, with ascending sequence numbers assigned at commit.</li>
 * </ul>
 * Calls never block the caller's thread.
 */
public interface ConfigStore {
  /** A stored object. */
  record StoredObject(String kind, String id, JsonObject spec, long version, Instant updatedAt, String updatedBy) {
  }

  /**
   * One change: the object after it ({@code null} spec for a deletion) and its audit entry.
   *
   * @param version the object's version after the change (ignored for a deletion)
   */
  record Change(String kind, String id, JsonObject spec, long version, AuditEntry audit) {
  }

  /** Creates the schema if needed. */
  Future<Void> open();

  /** Every stored object. */
  Future<List<StoredObject>> loadAll();

  /** Applies all changes atomically. */
  Future<Void> apply(List<Change> changes);

  /** At most {@code limit} entries older than {@code before} (a sequence number; null for the newest). */
  Future<AuditPage> audit(int limit, Long before);

  Future<Void> close();
}
