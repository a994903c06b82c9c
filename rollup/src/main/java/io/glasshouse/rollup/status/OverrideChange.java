package io.glasshouse.rollup.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One audited change of a component's override: who, when, what was in force before and what after.
 *
 * @param componentId the component
 * @param action      set (new or replaced), cleared by a person, or expired
 * @param by          who (for {@link Action#EXPIRED}: {@code "system"})
 * @param at          when
 * @param before      the override in force before, or {@code null}
 * @param after       the override in force after, or {@code null}
 */
public record OverrideChange(String componentId, Action action, String by, Instant at, StatusOverride before,
    StatusOverride after) {
  /** What happened. */
  public enum Action {
    SET,
    CLEARED,
    EXPIRED;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public OverrideChange {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
  }
}
