package io.glasshouse.rollup.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One component in a {@link StatusSnapshot}.
 *
 * @param component  its definition
 * @param status     the status shown (after override, maintenance and hysteresis)
 * @param reason     the rule that set {@link #status}, with its figures
 * @param since      since when {@link #status} has been shown
 * @param derived    what the rules say right now, before hysteresis (may be better than {@link #status} while a
 *                   recovery is being held)
 * @param firing     every derived rule firing right now, worst first, each with its own {@code since}
 * @param improvesAt when the held status improves if the better condition keeps holding, or {@code null}
 * @param override   the active override, or {@code null}
 */
public record ComponentState(ComponentDefinition component, ComponentStatus status, StatusReason reason,
    Instant since, ComponentStatus derived, List<StatusReason> firing, Instant improvesAt, StatusOverride override) {
  public ComponentState {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
    firing = List.copyOf(firing);
  }

  public String id() {
    return component.id();
  }
}
