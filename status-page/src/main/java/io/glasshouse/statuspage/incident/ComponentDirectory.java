package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import java.util.List;

/** The components incidents may name, and the status each shows now (for an update's old → new). */
public interface ComponentDirectory {
  /** Every configured component id, for validation and for messages listing them. */
  List<String> ids();

  /** The status shown now; {@code operational} when unknown or not evaluated yet. */
  ComponentStatus status(String id);

  /** No components at all (before the status evaluator runs). */
  static ComponentDirectory none() {
    return new ComponentDirectory() {
      @Override
      public List<String> ids() {
        return List.of();
      }

      @Override
      public ComponentStatus status(String id) {
        return ComponentStatus.OPERATIONAL;
      }
    };
  }
}
