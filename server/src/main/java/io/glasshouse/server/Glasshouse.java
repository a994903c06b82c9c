package io.glasshouse.server;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.CollectorRoutes;
import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.rollup.journal.JournalOptions;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.demo.DemoBackfill;
import io.glasshouse.server.demo.DemoConfig;
import io.glasshouse.server.demo.DemoFleet;
import io.glasshouse.server.http.Drain;
import io.glasshouse.server.http.HttpVerticle;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Glasshouse: store, rollup engine, one HTTP verticle per event loop on the shared port, and optionally
 * the demo fleet. {@link #start} checks every configuration section before anything starts, so a bad key stops
 * start-up with a message naming it; {@link #stop} is the graceful shutdown SIGTERM triggers.
 */
public final class Glasshouse {
  private static final Logger LOG = LoggerFactory.getLogger(Glasshouse.class);

  private final Vertx vertx;
  private final ServerSettings settings;
  private final RollupStore store;
  private final RollupEngine engine;
  private final CapacityPlanner planner;
  private final FileLock lock;
  private final String deployment;
  private final DemoFleet demo;
  private final Drain drain;
  private final Clock clock;

  private Glasshouse(Vertx vertx, ServerSettings settings, RollupStore store, RollupEngine engine,
      CapacityPlanner planner, FileLock lock, String deployment, DemoFleet demo, Drain drain, Clock clock) {
    this.drain = drain;
    this.clock = clock;
    this.planner = planner;
    this.vertx = vertx;
    this.settings = settings;
    this.store = store;
    this.engine = engine;
    this.lock = lock;
    this.deployment = deployment;
    this.demo = demo;
  }

  /** Validated settings of every module, read before anything starts. */
  record Settings(ServerSettings server, CollectorConfig collector, RollupConfig rollup, DemoConfig demo,
      CapacityConfig capacity, QueryLimits queryLimits) {
    static Settings of(GlasshouseConfig config, boolean demo) {
      if (demo) {
        DemoDefaults.apply(config);
      }
      ServerSettings server = ServerSettings.fromJson(config.section("server"));
      CollectorConfig collector = CollectorConfig.fromJson(config.section("collector"));
      collector.validate();
      RollupConfig rollup = RollupConfig.fromJson(config.section("rollup"));
      DemoConfig demoConfig = null;
      if (demo || config.has("demo")) {
        demoConfig = DemoConfig.fromJson(config.section("demo"));
        if (demoConfig.ingestToken() == null && !collector.ingestTokens().isEmpty()) {
          demoConfig = demoConfig.withIngestToken(collector.ingestTokens().iterator().next());
        }
      }
      CapacityConfig capacity = config.has("capacity") ? CapacityConfig.fromJson(config.section("capacity"))
          : CapacityConfig.empty();
      return new Settings(server, collector, rollup, demo ? demoConfig : null, capacity,
          QueryLimits.fromJson(config.section("rollup")));
    }
  }

  /** Starts everything; fails with {@link IllegalArgumentException} naming the key for bad configuration. */
  public static Future<Glasshouse> start(GlasshouseConfig config, boolean demo, Clock clock) {
    return start(config, demo, clock, false);
  }

  /**
   * As {@link #start(GlasshouseConfig, boolean, Clock)}; {@code cutJournal} lets journal replay cut a segment at a
   * corrupt record ({@value Journal#CUT_FLAG}) instead of stopping start-up with a message naming it.
   */
  public static Future<Glasshouse> start(GlasshouseConfig config, boolean demo, Clock clock, boolean cutJournal) {
    Settings s;
    try {
      s = Settings.of(config, demo);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    FileLock lock;
    try {
      lock = lockDataDir(s.server().dataDir());
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Vertx vertx = Vertx.vertx();
    RollupStore store = SqliteRollupStore.create(vertx, s.server().dataDir());
    AtomicReference<RollupEngine> started = new AtomicReference<>();
    // Completed outside any Vert.x context: a future bound to an event loop cannot deliver a start-up failure
    // once Vert.x is closed (start-up then hung with a RejectedExecutionException trace instead of exiting).
    Promise<Glasshouse> result = Promise.promise();
    RollupEngine.start(vertx, store, s.server().dataDir().resolve("journal"), s.rollup(), clock, registry,
            JournalOptions.defaults().withCutAtCorruption(cutJournal))
        .compose(engine -> {
          started.set(engine);
          CapacityPlanner planner = new CapacityPlanner(engine, s.capacity(), clock);
          Drain drain = new Drain();
          CollectorRoutes.ServerWide ingest = CollectorRoutes.forServer(engine, s.collector(), registry, clock);
          return vertx.deployVerticle(() -> new HttpVerticle(engine, planner, s.collector(), s.server().staffTokens(),
                  registry, clock, s.server().host(), s.server().port(), s.server().shutdownTimeout(),
                  s.queryLimits(), drain, ingest),
              new DeploymentOptions().setInstances(s.server().eventLoops()))
            .map(id -> {
              planner.start(vertx).onFailure(e -> LOG.warn("first capacity refresh failed: {}", e.toString()));
              DemoFleet fleet = null;
              if (s.demo() != null) {
                URI base = URI.create("http://127.0.0.1:" + s.server().port());
                fleet = DemoFleet.start(base.resolve("/v1/metrics"), clock, s.demo());
                engine.services()
                    .compose(known -> known.isEmpty()
                        ? DemoBackfill.run(vertx, base, clock, s.demo(), DemoDefaults.HISTORY, null)
                        : Future.failedFuture(new IllegalStateException("the data folder already holds "
                            + known.size() + " services; history is not backfilled again")))
                    .onSuccess(r -> {
                      LOG.info("demo history backfilled: {} samples over {} through /api/v1/ingest", r.samples(),
                          DemoDefaults.HISTORY);
                      planner.refresh();
                    })
                    .onFailure(e -> LOG.info("demo history backfill skipped: {}", e.getMessage()));
              }
              LOG.info("Glasshouse is listening on http://localhost:{}/ (data in {}, {} event loops{})",
                  s.server().port(), s.server().dataDir().toAbsolutePath(), s.server().eventLoops(),
                  fleet == null ? "" : ", demo fleet pushing OTLP");
              if (fleet != null && s.server().staffTokens().size() == 1) {
                LOG.info("capacity report for staff: http://localhost:{}/reports/capacity?token={}",
                    s.server().port(), s.server().staffTokens().iterator().next());
              }
              return new Glasshouse(vertx, s.server(), store, engine, planner, lock, id, fleet, drain, clock);
            });
        })
        .onSuccess(result::complete)
        .onFailure(e -> {
          RollupEngine engine = started.get();
          Future<Void> engineClosed = engine == null ? Future.succeededFuture() : engine.close();
          engineClosed.transform(ar -> store.close()).onComplete(ar -> {
            release(lock);
            result.fail(explain(e, s.server()));
            // Closing Vert.x from its own event loop: nothing may listen on it, its executors are going away.
            vertx.close();
          });
        });
    return result.future();
  }

  /** A failure to bind the HTTP port names the port and what to do; other failures pass unchanged. */
  static Throwable explain(Throwable e, ServerSettings server) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof BindException) {
        return new IllegalStateException("server.port: cannot listen on " + server.host() + ":" + server.port()
            + " (" + c.getMessage() + "); another process uses port " + server.port()
            + ": stop it or choose a free port with --port N or server.port");
      }
    }
    return e;
  }

  static FileLock lockDataDir(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l = ch.tryLock();
      if (l == null) {
        ch.close();
        throw new IllegalStateException("server.data: " + dir.toAbsolutePath()
            + " is in use by another Glasshouse process; give each process its own --data folder");
      }
      return l;
    } catch (IOException e) {
      throw new IllegalStateException("server.data: cannot use " + dir.toAbsolutePath() + ": " + e.getMessage());
    }
  }

  static void release(FileLock lock) {
    try {
      lock.release();
      lock.channel().close();
    } catch (IOException e) {
      LOG.warn("could not release the data folder lock: {}", e.toString());
    }
  }

  /**
   * Graceful shutdown, blocking the calling thread (never call it on an event loop): {@code /health/ready} answers
   * 503 at once while every request is still served for {@code server.drain-delay} (on the injected clock, see
   * {@link Drain}); then the demo fleet publishes its last step, the HTTP servers answer new ingest 503, stop
   * accepting and finish in-flight requests, the engine commits and checkpoints everything, the store closes,
   * then Vert.x.
   *
   * @param timeout bound on everything after the drain delay
   */
  public void stop(Duration timeout) throws Exception {
    LOG.info("shutting down: /health/ready answers 503; still serving for {} (server.drain-delay)",
        settings.drainDelay());
    try {
      drain.begin(vertx, clock, settings.drainDelay()).toCompletionStage().toCompletableFuture()
          .get(settings.drainDelay().plus(timeout).toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("the drain delay did not end on the server's clock; stopping now");
    }
    LOG.info("shutting down: finishing in-flight requests and committing");
    if (demo != null) {
      demo.close();
    }
    planner.stop();
    try {
      vertx.undeploy(deployment)
          .compose(v -> engine.close())
          .compose(v -> store.close())
          .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      release(lock);
    }
    LOG.info("Glasshouse stopped; everything acknowledged is committed");
  }

  public ServerSettings settings() {
    return settings;
  }

  public RollupEngine engine() {
    return engine;
  }

  public CapacityPlanner capacity() {
    return planner;
  }
}
