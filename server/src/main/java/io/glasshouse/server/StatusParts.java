package io.glasshouse.server;

import io.glasshouse.server.wiring.IncidentsWiring;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** Component status: its evaluator and store (closed before the engine). */
record StatusParts(StatusEvaluator evaluator, SqliteStatusStore store) {
  /**
   * Components from the config file and the config API ({@code components}, changes apply at the next
   * evaluation); inputs are service liveness from the instance registry and the SLOs' burn from {@code slos}.
   */
  static Future<StatusParts> start(Vertx vertx, Settings s, SqliteRollupStore rollupStore, RollupEngine engine,
      Clock clock, Supplier<List<ComponentDefinition>> components, SloReports slos, IncidentsWiring incidents) {
    SqliteStatusStore store = SqliteStatusStore.sharing(rollupStore);
    StatusInputSource inputs = incidents.inputs(new SloStatusInputs(
        new LivenessInputs(engine, components, clock, s.status().livenessGrace()), slos));
    return store.open()
        .compose(v -> StatusEvaluator.start(vertx, s.status(), components, inputs, store, store, clock, true))
        .map(e -> new StatusParts(e, store));
  }

  Future<Void> close() {
    return evaluator.close().eventually(store::close);
  }
}
