package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** A real status evaluator on a SQLite store in {@code dir}: public checkout and search, private billing. */
final class StatusFixture {
  static final List<ComponentDefinition> COMPONENTS = List.of(
      new ComponentDefinition("checkout", "Checkout", "Placing orders", "APIs", 1, true, List.of("checkout"),
          List.of()),
      new ComponentDefinition("search", "Search", "", "APIs", 2, true, List.of("search"), List.of()),
      new ComponentDefinition("billing", "Billing", "", "Internal", 1, false, List.of("billing"), List.of()));

  final ManualClock clock = new ManualClock(ReadApiFixture.NOW);
  final AtomicReference<StatusInputs> inputs = new AtomicReference<>(live(3, 2, 1));
  final StatusEvaluator evaluator;
  final SqliteStatusStore store;

  StatusFixture(Vertx vertx, Path dir) {
    store = SqliteStatusStore.create(vertx, dir);
    await(store.open());
    evaluator = await(StatusEvaluator.start(vertx, StatusConfig.defaults(COMPONENTS), () -> COMPONENTS,
        () -> Future.succeededFuture(inputs.get()), store, store, clock, false));
  }

  /** Live instance counts of checkout, search and billing. */
  static StatusInputs live(int checkout, int search, int billing) {
    return new StatusInputs(Map.of(), Map.of(
        "checkout", new ServiceLiveness("checkout", checkout, true),
        "search", new ServiceLiveness("search", search, true),
        "billing", new ServiceLiveness("billing", billing, true)), Set.of());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
