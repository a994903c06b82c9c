package io.glasshouse.rollup.status;

import java.time.Instant;
import java.util.Objects;

/**
 * A status set by staff for a component, which wins over every rule from {@link #setAt} until {@link #expiresAt}.
 *
 * @param componentId the component
 * @param status      the status to show
 * @param reason      why, in a person's words (shown to staff and in the audit record)
 * @param by          who set it
 * @param setAt       when it was set
 * @param expiresAt   when it stops applying; after {@code setAt}
 */
public record StatusOverride(String componentId, ComponentStatus status, String reason, String by, Instant setAt,
    Instant expiresAt) {
  public StatusOverride {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(setAt, "setAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(setAt)) {
      throw new IllegalArgumentException("expiresAt must be after setAt");
    }
  }

  /** True while it applies: at or after {@code setAt} and before {@code expiresAt}. */
  public boolean activeAt(Instant t) {
    return !t.isBefore(setAt) && t.isBefore(expiresAt);
  }
}
