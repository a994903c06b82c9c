package io.glasshouse.rollup.config;

import java.util.List;

/**
 * A page of the audit trail, newest first.
 *
 * @param entries   at most the requested number
 * @param nextBefore pass as {@code before} for the next (older) page; null when there is none
 */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
