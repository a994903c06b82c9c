package io.glasshouse.rollup.status;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One component's derived status, smoothed: a worse status shows at once; a better one only after the derived
 * status has stayed better than the shown one for {@code improveAfter} without a break, and then the shown status
 * becomes the worst status derived during that time (so a flapping recovery improves no further than it held).
 * Not thread-safe.
 */
final class Hysteresis {
  private final Duration improveAfter;
  private ComponentStatus shown;
  private StatusReason shownReason;
  private Instant shownSince;
  private Instant betterSince;
  private ComponentStatus worstWhileBetter;
  private final Map<ComponentStatus, StatusReason> lastReason = new EnumMap<>(ComponentStatus.class);

  Hysteresis(Duration improveAfter) {
    this.improveAfter = improveAfter;
  }

  /** Feeds one evaluation's derived status and the reason for it (its first, worst, rule). */
  void update(ComponentStatus derived, StatusReason reason, Instant now) {
    lastReason.put(derived, reason);
    if (shown == null || derived.worseThan(shown)) {
      show(derived, now);
      return;
    }
    if (derived == shown) {
      shownReason = reason;
      betterSince = null;
      return;
    }
    if (betterSince == null) {
      betterSince = now;
      worstWhileBetter = derived;
    } else if (derived.worseThan(worstWhileBetter)) {
      worstWhileBetter = derived;
    }
    if (!now.isBefore(betterSince.plus(improveAfter))) {
      show(worstWhileBetter, now);
      if (derived != shown) {
        betterSince = now;
        worstWhileBetter = derived;
      }
    }
  }

  private void show(ComponentStatus s, Instant now) {
    shown = s;
    shownReason = lastReason.get(s);
    shownSince = now;
    betterSince = null;
  }

  ComponentStatus shown() {
    return shown;
  }

  /** The rule (with its figures) behind the shown status, as last derived. */
  StatusReason reason() {
    return shownReason;
  }

  Instant shownSince() {
    return shownSince;
  }

  /** When the shown status improves if the better condition holds, or {@code null} when none is pending. */
  Instant improvesAt() {
    return betterSince == null ? null : betterSince.plus(improveAfter);
  }
}
