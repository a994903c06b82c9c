package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.StatusEvaluator;
import java.util.List;

/** The components incidents may name, and the status each shows now (for an update's old → new). */
public interface ComponentDirectory {
  /** Every configured component id, for validation and for messages listing them. */
  List<String> ids();

  /** The status shown now; {@code operational} when unknown or not evaluated yet. */
  ComponentStatus status(String id);

  /** The evaluator's components now and the status its latest snapshot shows. */
  static ComponentDirectory of(StatusEvaluator evaluator) {
    return new ComponentDirectory() {
      @Override
      public List<String> ids() {
        return evaluator.components().stream().map(ComponentDefinition::id).toList();
      }

      @Override
      public ComponentStatus status(String id) {
        return evaluator.latest().component(id).map(ComponentState::status).orElse(ComponentStatus.OPERATIONAL);
      }
    };
  }

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
