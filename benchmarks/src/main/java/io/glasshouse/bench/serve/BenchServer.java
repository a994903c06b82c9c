package io.glasshouse.bench.serve;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.CollectorRoutes;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ingest path of Glasshouse on one port, for benchmarking before (or besides) the launcher: the collector's
 * routes ({@link CollectorRoutes}, default configuration, one router verticle per core) in front of a
 * {@link RollupEngine} on the embedded SQLite store with default rollup configuration, so durability is on
 * (a 2xx follows the journal's fsync). No status page, alerts or configuration file: only what ingest touches.
 *
 * <p>{@code serve [--data DIR] [--port 18080]}; SIGTERM closes the engine (final checkpoint) and the store.
 */
public final class BenchServer {
  private BenchServer() {
  }

  public static void main(String[] args) throws Exception {
    Path data = Path.of("bench-data");
    int port = 18080;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; use --data DIR --port N");
      }
    }
    Files.createDirectories(data);
    Vertx vertx = Vertx.vertx();
    MeterRegistry registry = new SimpleMeterRegistry();
    Clock clock = Clock.systemUTC();
    RollupStore store = SqliteRollupStore.create(vertx, data);
    RollupEngine engine = await(RollupEngine.start(vertx, store, data.resolve("journal"), RollupConfig.defaults(),
        clock, registry));
    int listenPort = port;
    int instances = Runtime.getRuntime().availableProcessors();
    CollectorRoutes.ServerWide ingest = CollectorRoutes.forServer(engine, CollectorConfig.DEFAULT, registry, clock);
    try {
      await(vertx.deployVerticle(() -> new VerticleBase() {
        @Override
        public Future<?> start() {
          Router router = Router.router(vertx);
          ingest.mount(router);
          router.get("/health/ready").handler(ctx -> ctx.response().setStatusCode(engine.ready() ? 200 : 503).end());
          return vertx.createHttpServer().requestHandler(router).listen(listenPort);
        }
      }, new DeploymentOptions().setInstances(instances)));
    } catch (RuntimeException e) {
      System.err.println("bench server: cannot listen on port " + port + ": " + e.getMessage());
      await(engine.close());
      await(store.close());
      System.exit(1);
    }
    System.out.println("bench server: collector + rollup engine on port " + port + " (" + instances
        + " router verticles), data in " + data.toAbsolutePath() + ", pid " + ProcessHandle.current().pid());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        await(engine.close());
        await(store.close());
        await(vertx.close());
      } catch (RuntimeException e) {
        System.err.println("bench server: shutdown: " + e);
      }
      stopped.countDown();
    }));
    stopped.await();
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }
}
