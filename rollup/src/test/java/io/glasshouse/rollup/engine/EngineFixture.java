package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a real engine on a real SQLite store in a folder, and waits for futures in tests. */
final class EngineFixture {
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  final Vertx vertx;
  final Path dir;
  final ManualClock clock;
  final RollupConfig config;
  RollupStore store;
  RollupEngine engine;
  /** Wraps the real store, e.g. in a fault injector; identity by default. */
  java.util.function.UnaryOperator<RollupStore> wrapStore = s -> s;

  EngineFixture(Vertx vertx, Path dir, RollupConfig config) {
    this.vertx = vertx;
    this.dir = dir;
    this.config = config;
    this.clock = new ManualClock(T0);
  }

  /** Defaults with a series limit, no new-series grace (the fleet starts after Glasshouse), hourly checkpoints. */
  static RollupConfig config(int maxSeries) {
    RollupConfig d = RollupConfig.defaults();
    return new RollupConfig(d.instanceLabels(), d.dropLabels(), maxSeries, d.lateWindow(), d.staleAfter(),
        Duration.ZERO, Duration.ofHours(1), d.queueCapacity(), d.retention(),
        d.instanceRetention());
  }

  RollupEngine start() {
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    store = wrapStore.apply(SqliteRollupStore.create(vertx, dir));
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock, new SimpleMeterRegistry()));
    return engine;
  }

  void restart() {
    await(engine.close());
    await(store.close());
    start();
  }

  void crashAndRestart() {
    await(engine.halt());
    await(store.close());
    start();
  }

  void stop() {
    if (engine != null && engine.ready()) {
      await(engine.close());
    }
    if (store != null) {
      await(store.close());
    }
  }

  List<SeriesCells> read(String service, String metric, LabelMatcher... matchers) {
    return await(engine.cells(service, metric, List.of(matchers), T0.minus(Duration.ofDays(1)).toEpochMilli(),
        T0.plus(Duration.ofDays(1)).toEpochMilli()));
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
