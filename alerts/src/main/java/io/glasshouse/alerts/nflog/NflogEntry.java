package io.glasshouse.alerts.nflog;

import java.time.Instant;
import java.util.Set;

/**
 * What was last delivered successfully to one receiver for one group: the fingerprints firing and resolved at
 * that notification, and when. Alertmanager's {@code nflogpb.Entry}. Immutable.
 *
 * @param acknowledged whether an acknowledge (all firing alerts silenced) was delivered after it
 */
public record NflogEntry(String groupKey, String receiver, Set<String> firing, Set<String> resolved, Instant at,
    boolean acknowledged) {
  public NflogEntry {
    firing = Set.copyOf(firing);
    resolved = Set.copyOf(resolved);
  }

  /** The log's key for a group and receiver. */
  public static String key(String groupKey, String receiver) {
    return receiver + "/" + groupKey;
  }

  public String key() {
    return key(groupKey, receiver);
  }
}
