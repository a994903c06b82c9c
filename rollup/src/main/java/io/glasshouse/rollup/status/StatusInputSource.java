package io.glasshouse.rollup.status;

import io.vertx.core.Future;

/**
 * Where each evaluation's {@link StatusInputs} come from (SLO reports, the instance registry, maintenances).
 * Must not block; a failed future makes the evaluator reuse the previous inputs (and log it).
 */
@FunctionalInterface
public interface StatusInputSource {
  Future<StatusInputs> inputs();
}
