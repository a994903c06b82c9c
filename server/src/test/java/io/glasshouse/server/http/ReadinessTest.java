package io.glasshouse.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.StoredCells;
import io.glasshouse.rollup.store.StoredState;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health/ready} answers 503 while checkpoints fail and 200 again once one commits. The engine is real and
 * so is its SQLite store, behind a switch that makes checkpoint writes fail (a fault injector, not a mock).
 */
class ReadinessTest {
  @TempDir
  Path dir;
  Vertx vertx;
  FailingWrites store;
  RollupEngine engine;
  HttpServer server;
  WebClient client;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));

  /** The real store, whose checkpoint writes fail while {@link #fail} is set. */
  static final class FailingWrites implements RollupStore {
    final RollupStore real;
    volatile boolean fail;

    FailingWrites(RollupStore real) {
      this.real = real;
    }

    @Override
    public Future<Void> open() {
      return real.open();
    }

    @Override
    public Future<StoredState> load() {
      return real.load();
    }

    @Override
    public Future<Void> write(Checkpoint checkpoint) {
      return fail ? Future.failedFuture(new java.io.IOException("injected: disk unavailable")) : real.write(checkpoint);
    }

    @Override
    public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs) {
      return real.read(seriesIds, fromMs, toMs);
    }

    @Override
    public Future<Integer> deleteCellsBefore(long beforeMs) {
      return real.deleteCellsBefore(beforeMs);
    }

    @Override
    public Future<Void> close() {
      return real.close();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    store = new FailingWrites(SqliteRollupStore.create(vertx, dir));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), RollupConfig.defaults(), clock, registry));
    Router router = Router.router(vertx);
    OpsRoutes.mount(router, engine, registry, new Drain());
    server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    client = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    store.fail = false;
    await(engine.close());
    await(store.close());
    await(vertx.close());
  }

  private int ready() throws Exception {
    HttpResponse<?> r = await(client.get(server.actualPort(), "localhost", "/health/ready").send());
    return r.statusCode();
  }

  @Test
  void readinessIs503WhileCheckpointsFailAnd200OnceOneCommits() throws Exception {
    await(engine.accept(Protocol.JSON, List.of(Sample.deltaCounter("jobs",
        Labels.of("service", "api", "instance", "i-1"), clock.millis(), 1)), true));
    assertThat(ready()).isEqualTo(200);

    store.fail = true;
    assertThat(engine.checkpointNow().toCompletionStage().toCompletableFuture()).failsWithin(30, TimeUnit.SECONDS);
    assertThat(ready()).isEqualTo(503);

    store.fail = false;
    await(engine.checkpointNow());
    assertThat(ready()).isEqualTo(200);
  }
}
