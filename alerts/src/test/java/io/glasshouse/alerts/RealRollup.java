package io.glasshouse.alerts;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * Test fixture: a real rollup engine over SQLite in a test's temporary folder, on its own Vert.x and driven by the
 * test's manual clock; {@link #close()} stops the engine, the store and Vert.x in that order.
 */
final class RealRollup implements AutoCloseable {
  final Vertx vertx;
  final SqliteRollupStore store;
  final RollupEngine engine;

  private RealRollup(Vertx vertx, SqliteRollupStore store, RollupEngine engine) {
    this.vertx = vertx;
    this.store = store;
    this.engine = engine;
  }

  static RealRollup start(Path dir, ManualClock clock) {
    Vertx vertx = Vertx.vertx();
    SqliteRollupStore store = SqliteRollupStore.create(vertx, dir);
    RollupEngine engine = RollupEngine.start(vertx, store, dir.resolve("journal"), RollupConfig.defaults(), clock,
        new SimpleMeterRegistry()).await();
    return new RealRollup(vertx, store, engine);
  }

  @Override
  public void close() {
    engine.close().await();
    store.close().await();
    vertx.close().await();
  }
}
