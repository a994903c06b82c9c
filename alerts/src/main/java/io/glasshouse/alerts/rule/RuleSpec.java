package io.glasshouse.alerts.rule;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every rule kind shares in configuration: name, {@code for}, {@code keep_firing_for}, extra labels and
 * annotation templates. Immutable.
 */
public record RuleSpec(String name, Duration forDuration, Duration keepFiringFor, Map<String, String> labels,
    Map<String, String> annotations) {
  public RuleSpec {
    Objects.requireNonNull(name, "name");
    forDuration = forDuration == null ? Duration.ZERO : forDuration;
    keepFiringFor = keepFiringFor == null ? Duration.ZERO : keepFiringFor;
    labels = Map.copyOf(labels == null ? Map.of() : labels);
    annotations = Map.copyOf(annotations == null ? Map.of() : annotations);
    if (forDuration.isNegative() || keepFiringFor.isNegative()) {
      throw new IllegalArgumentException("rule " + name + ": for and keep_firing_for must not be negative");
    }
  }

  public static RuleSpec named(String name) {
    return new RuleSpec(name, Duration.ZERO, Duration.ZERO, Map.of(), Map.of());
  }

  public RuleSpec withFor(Duration d) {
    return new RuleSpec(name, d, keepFiringFor, labels, annotations);
  }

  public RuleSpec withKeepFiringFor(Duration d) {
    return new RuleSpec(name, forDuration, d, labels, annotations);
  }

  public RuleSpec withLabels(Map<String, String> l) {
    return new RuleSpec(name, forDuration, keepFiringFor, l, annotations);
  }

  public RuleSpec withAnnotations(Map<String, String> a) {
    return new RuleSpec(name, forDuration, keepFiringFor, labels, a);
  }
}
