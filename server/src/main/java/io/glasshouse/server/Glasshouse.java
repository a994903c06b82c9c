package io.glasshouse.server;

import io.glasshouse.alerts.api.AlertRoutes;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.config.AlertsSection;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.store.AlertStore;
import io.glasshouse.alerts.store.SqliteAlertStore;
import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.scrape.ScrapeManager;
import io.glasshouse.collector.scrape.ScrapeSettings;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.collector.CollectorRoutes;
import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.instances.InstanceHealthConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.rollup.journal.JournalOptions;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.slo.ReaderSliCounts;
import io.glasshouse.rollup.slo.OpenSloParser;
import io.glasshouse.rollup.slo.SloKind;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteConfigStore;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.config.SloSettings;
import io.glasshouse.server.config.AccessSettings;
import io.glasshouse.server.configapi.ConfigApi;
import io.glasshouse.server.configapi.ConfigObjects;
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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
  private final ConfigObjects configObjects;
  private final Drain drain;
  private final Clock clock;
  private StatusParts status;

  /** Component status: its evaluator and store (closed before the engine). */
  private record StatusParts(StatusEvaluator evaluator, SqliteStatusStore store) {
    /**
     * Components from the config file and the config API ({@code components}, changes apply at the next
     * evaluation); inputs are service liveness from the instance registry and the SLOs' burn from {@code slos}.
     */
    static Future<StatusParts> start(Vertx vertx, Settings s, SqliteRollupStore rollupStore, RollupEngine engine,
        Clock clock, Supplier<List<ComponentDefinition>> components, SloReports slos) {
      SqliteStatusStore store = SqliteStatusStore.sharing(rollupStore);
      StatusInputSource inputs = new SloStatusInputs(
          new LivenessInputs(engine, components, clock, s.status().livenessGrace()), slos);
      return store.open()
          .compose(v -> StatusEvaluator.start(vertx, s.status(), components, inputs, store, store, clock, true))
          .map(e -> new StatusParts(e, store));
    }

    Future<Void> close() {
      return evaluator.close().eventually(store::close);
    }
  }

  /** Deployment of the scrape manager (collector.scrape), stopped before the HTTP servers. */
  private String scrapeDeployment;
  private ScrapeManager scrape;
  private AlertEngine alerts;
  private AlertStore alertStore;
  private SloReports slos;

  private Glasshouse(Vertx vertx, ServerSettings settings, RollupStore store, RollupEngine engine,
      CapacityPlanner planner, FileLock lock, String deployment, DemoFleet demo, ConfigObjects configObjects,
      Drain drain, Clock clock) {
    this.configObjects = configObjects;
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
      CapacityConfig capacity, QueryLimits queryLimits, AccessSettings.Access access, String demoStaffToken,
      StatusConfig status, ScrapeSettings scrape, io.vertx.core.json.JsonObject alerts,
      InstanceHealthConfig instances) {
    static Settings of(GlasshouseConfig config, boolean demo) {
      // the one token ever logged: the one-off staff token --demo generates when none is configured
      String demoStaffToken = demo ? DemoDefaults.apply(config) : null;
      ServerSettings server = ServerSettings.fromJson(config.section("server"));
      CollectorConfig collector = CollectorConfig.fromJson(config.section("collector"));
      collector.validate();
      RollupConfig rollup = RollupConfig.fromJson(config.section("rollup"));
      AccessSettings.Access access = AccessSettings.of(config.section("server"), collector.ingestTokens(),
          server.staffTokens(), server.host(), demo);
      DemoConfig demoConfig = null;
      if (demo || config.has("demo")) {
        demoConfig = DemoConfig.fromJson(config.section("demo"));
        var ingest = access.tokens().tokens().stream().filter(t -> t.allows(Scope.INGEST)).findFirst();
        if (demoConfig.ingestToken() == null && ingest.isPresent()) {
          demoConfig = demoConfig.withIngestToken(ingest.get().secret());
        }
      }
      CapacityConfig capacity = config.has("capacity") ? CapacityConfig.fromJson(config.section("capacity"))
          : CapacityConfig.empty();
      // alerts (issue 11): checked here so a bad key stops start-up; built again with its sources once they run
      AlertsSection.fromJson(config.section("alerts"), new RuleSources(null, null, null));
      return new Settings(server, collector, rollup, demo ? demoConfig : null, capacity,
          QueryLimits.fromJson(config.section("rollup")), access, demoStaffToken,
          StatusConfig.fromJson(config.section("components")), ScrapeSettings.fromJson(config.section("scrape")),
          config.section("alerts"),
          InstanceHealthConfig.fromJson(config.section("rollup").getJsonObject(RollupConfig.INSTANCES_KEY)));
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
    SloSettings sloSettings;
    try {
      s = Settings.of(config, demo);
      // SLOs: the config file's slos: list and slo: settings (demo SLOs come in through DemoDefaults)
      sloSettings = SloSettings.fromConfig(config);
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
    SqliteRollupStore sqlite = SqliteRollupStore.create(vertx, s.server().dataDir());
    RollupStore store = sqlite;
    AtomicReference<RollupEngine> started = new AtomicReference<>();
    AtomicReference<StatusParts> statusStarted = new AtomicReference<>();
    AtomicReference<ConfigObjects> configured = new AtomicReference<>();
    AlertsWiring alertsWiring = new AlertsWiring(s.alerts());
    // Completed outside any Vert.x context: a future bound to an event loop cannot deliver a start-up failure
    // once Vert.x is closed (start-up then hung with a RejectedExecutionException trace instead of exiting).
    Promise<Glasshouse> result = Promise.promise();
    RollupEngine.start(vertx, store, s.server().dataDir().resolve("journal"), s.rollup(), clock, registry,
            JournalOptions.defaults().withCutAtCorruption(cutJournal))
        .compose(engine -> {
          started.set(engine);
          return engine.configureInstances(s.instances()).map(engine);
        })
        .compose(engine -> {
          // config objects (config API): persisted next to the rollups; file objects are read-only there
          return ConfigObjects.open(SqliteConfigStore.sharing(sqlite, s.server().dataDir()), clock, s.capacity(),
              s.status().components(),
              kinds -> {
                kinds.register(SloKind.INSTANCE, sloSettings.definitions());
                kinds.registerParser(new OpenSloParser());
                alertsWiring.register(kinds, engine, vertx);
              });
        })
        .compose(configObjects -> {
          configured.set(configObjects);
          RollupEngine engine = started.get();
          CapacityPlanner planner = new CapacityPlanner(engine, s.capacity(), clock);
          configObjects.feed(planner);
          // scraping (collector.scrape): one manager verticle; its target API is mounted on every HTTP verticle
          ScrapeManager scrape = new ScrapeManager(s.scrape(), s.collector(), engine, registry, clock);
          AtomicReference<String> scrapeId = new AtomicReference<>();
          // --- alerts (issue 11): rules over rollup queries and capacity forecasts; state in <data>/alerts.db.
          // --- SLOs: evaluated every slo.refresh off the event loops, read by /api/v1/slos; definitions from the
          // file and the config API (a change applies at the next refresh) ---
          SloReports slos = new SloReports(new ReaderSliCounts(engine, vertx), clock, sloSettings.refresh(),
              sloSettings.forecastRefresh());
          configObjects.registry().subscribe(SloKind.INSTANCE, slos::replaceDefinitions);
          AtomicReference<List<ComponentDefinition>> components = new AtomicReference<>(List.of());
          configObjects.registry().subscribe(ComponentDefinitionKind.INSTANCE, components::set);
          alertsWiring.connect(slos, sloSettings.refresh(), planner::latest);
          AlertsConfig alertsConfig = alertsWiring.config();
          AtomicReference<AlertStore> alertStore = new AtomicReference<>();
          AtomicReference<AlertEngine> alertsStarted = new AtomicReference<>();
          // ---
          Drain drain = new Drain();
          CollectorRoutes.ServerWide ingest = CollectorRoutes.forServer(engine, s.collector(), s.access().tokens(),
              registry, clock);
          return vertx.deployVerticle(scrape).onSuccess(scrapeId::set)
            // component status: evaluated every components.evaluate-every, served by each HTTP verticle
            .compose(sid -> StatusParts.start(vertx, s, sqlite, engine, clock, components::get, slos))
            .compose(status -> {
              statusStarted.set(status);
              return vertx.executeBlocking(() -> SqliteAlertStore.open(s.server().dataDir()), false);
            })
            .compose(st -> {
              alertStore.set(st);
              return AlertEngine.open(vertx, clock, alertsConfig, st, registry);
            })
            .compose(alertEngine -> {
              alertsStarted.set(alertEngine);
              alertsWiring.follow(configObjects.registry(), alertEngine);
              return vertx.deployVerticle(() -> new HttpVerticle(engine, planner, s.collector(),
                    s.access().tokens(), registry, clock, s.server().host(), s.server().port(),
                    s.server().shutdownTimeout(), s.queryLimits(), drain, ingest, router -> {
                      ConfigApi.mount(router, configObjects.registry(), s.access().tokens());
                      AlertRoutes.mount(router, alertEngine, s.access().tokens());
                    }).withScrape(scrape).withSlos(slos).withComponentStatus(statusStarted.get().evaluator()),
                new DeploymentOptions().setInstances(s.server().eventLoops()));
            })
            .map(id -> {
              alertsStarted.get().start();
              planner.start(vertx).onFailure(e -> LOG.warn("first capacity refresh failed: {}", e.toString()));
              slos.start(vertx).onFailure(e -> LOG.warn("first SLO refresh failed: {}", e.toString()));
              DemoFleet fleet = null;
              if (s.demo() != null) {
                URI base = URI.create("http://127.0.0.1:" + s.server().port());
                fleet = DemoFleet.start(base.resolve("/v1/metrics"), clock, s.demo());
                engine.services()
                    .compose(known -> known.isEmpty()
                        ? DemoBackfill.runWith(vertx, base, clock, s.demo(), DemoBackfill.Options.demo(), null)
                        : Future.failedFuture(new IllegalStateException("the data folder already holds "
                            + known.size() + " services; history is not backfilled again")))
                    .onSuccess(r -> {
                      LOG.info("demo history backfilled: {} samples over {} through /api/v1/ingest in {} s",
                          r.samples(), DemoDefaults.HISTORY, r.duration().toMillis() / 1000.0);
                      planner.refresh();
                    })
                    .onFailure(e -> LOG.info("demo history backfill skipped: {}", e.getMessage()));
              }
              LOG.info("Glasshouse is listening on http://localhost:{}/ (data in {}, {} event loops{})",
                  s.server().port(), s.server().dataDir().toAbsolutePath(), s.server().eventLoops(),
                  fleet == null ? "" : ", demo fleet pushing OTLP");
              LOG.info("access: {}", s.access().summary());
              if (fleet != null && s.demoStaffToken() != null) {
                LOG.info("capacity report for staff: http://localhost:{}/reports/capacity?token={}",
                    s.server().port(), s.demoStaffToken());
              }
              Glasshouse g = new Glasshouse(vertx, s.server(), store, engine, planner, lock, id, fleet, configObjects,
                  drain, clock);
              g.status = statusStarted.get();
              g.scrapeDeployment = scrapeId.get();
              g.scrape = scrape;
              g.alerts = alertsStarted.get();
              g.alertStore = alertStore.get();
              g.slos = slos;
              return g;
            });
        })
        .onSuccess(result::complete)
        .onFailure(e -> {
          RollupEngine engine = started.get();
          StatusParts status = statusStarted.get();
          Future<Void> engineClosed = (status == null ? Future.<Void>succeededFuture() : status.close())
              .transform(ar -> engine == null ? Future.<Void>succeededFuture() : engine.close());
          ConfigObjects objects = configured.get();
          engineClosed.transform(ar -> objects == null ? Future.succeededFuture() : objects.close())
              .transform(ar -> store.close()).onComplete(ar -> {
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
    if (alerts != null) {
      alerts.close();
    }
    if (slos != null) {
      slos.stop();
    }
    try {
      (scrapeDeployment == null ? Future.<Void>succeededFuture() : vertx.undeploy(scrapeDeployment))
          .compose(v -> vertx.undeploy(deployment))
          .compose(v -> status == null ? Future.<Void>succeededFuture() : status.close())
          .compose(v -> engine.close())
          .compose(v -> configObjects.close())
          .compose(v -> store.close())
          .compose(v -> alertStore == null ? Future.succeededFuture()
              : vertx.executeBlocking(() -> {
                alertStore.close();
                return null;
              }, false))
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

  /** The scrape manager (the {@code scrape:} section's jobs). */
  public ScrapeManager scrape() {
    return scrape;
  }

  public CapacityPlanner capacity() {
    return planner;
  }

  /** The component status evaluator (its {@code latest()} snapshot is what the status API serves). */
  public StatusEvaluator componentStatus() {
    return status.evaluator();
  }

  /** The alert engine (issue 11). */
  public AlertEngine alerts() {
    return alerts;
  }

  /** The SLO reports (definitions replaceable at run time, e.g. by the config API). */
  public SloReports slos() {
    return slos;
  }

  /** The live configuration objects behind the config API. */
  public ConfigObjects configObjects() {
    return configObjects;
  }
}
