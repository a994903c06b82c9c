package io.glasshouse.rollup.slo;

import java.time.Duration;
import java.util.List;

/**
 * An OpenSLO v1 {@code AlertPolicy} whose conditions are burn-rate conditions (the only kind OpenSLO v1 defines):
 * alert when the burn rate over {@code lookbackWindow} compares to {@code threshold} by {@code op} for
 * {@code alertAfter}. Kept as read for the alerting rules; the SLOs that use it list it by name.
 */
public record OpenSloAlertPolicy(String name, String description, boolean alertWhenBreaching,
    boolean alertWhenResolved, boolean alertWhenNoData, List<Condition> conditions, List<String> notificationTargets) {

  public OpenSloAlertPolicy {
    conditions = List.copyOf(conditions);
    notificationTargets = List.copyOf(notificationTargets);
  }

  /** One burn-rate condition. */
  public record Condition(String name, String severity, String op, double threshold, Duration lookbackWindow,
      Duration alertAfter) {
  }
}
