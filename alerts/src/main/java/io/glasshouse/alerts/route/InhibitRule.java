package io.glasshouse.alerts.route;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Alertmanager's inhibition rule: a firing alert matching {@code sourceMatchers} mutes every alert matching
 * {@code targetMatchers} that has the same values (missing counts as equal empty) for each label in
 * {@code equal}. An alert never inhibits itself. Immutable.
 */
public record InhibitRule(List<Matcher> sourceMatchers, List<Matcher> targetMatchers, List<String> equal) {
  public InhibitRule {
    sourceMatchers = List.copyOf(sourceMatchers);
    targetMatchers = List.copyOf(targetMatchers);
    equal = List.copyOf(equal);
  }

  /** Whether {@code source} (a firing alert's labels) inhibits {@code target}. */
  public boolean inhibits(Map<String, String> source, Map<String, String> target) {
    if (!Matcher.all(targetMatchers, target) || !Matcher.all(sourceMatchers, source)) {
      return false;
    }
    for (String l : equal) {
      if (!Objects.equals(source.getOrDefault(l, ""), target.getOrDefault(l, ""))) {
        return false;
      }
    }
    return true;
  }
}
