package io.glasshouse.rollup.status;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where overrides and their audit records persist. Each change stores the new state and its audit record
 * together (one transaction), so a change is never applied without its record nor recorded without applying.
 * A general config audit trail can implement {@link #record} by appending to its own log.
 */
public interface OverrideStore {
  /** Every stored override, expired or not. */
  Future<List<StatusOverride>> overrides();

  /**
   * Applies {@code change}: stores {@code change.after()} as the component's override, or deletes the component's
   * override when it is {@code null}, and appends {@code change} to the audit records.
   */
  Future<Void> record(OverrideChange change);

  /** Audit records of one component, newest first, at most {@code limit}. */
  Future<List<OverrideChange>> changes(String componentId, int limit);
}
