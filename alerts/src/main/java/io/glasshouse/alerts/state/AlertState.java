package io.glasshouse.alerts.state;

import java.util.Locale;

/** Where an alert is in its lifecycle; an inactive alert has no {@link Alert} at all. */
public enum AlertState {
  /** The condition holds, but not yet for the rule's {@code for}. Never notified. */
  PENDING,
  /** The condition has held for {@code for} (or is kept firing by {@code keep_firing_for}). */
  FIRING,
  /** It fired and the condition no longer holds; notified once as resolved, then forgotten. */
  RESOLVED;

  /** The lower-case name used in payloads and the API. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
