package io.glasshouse.server;

import io.glasshouse.alerts.api.AlertRoutes;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.store.SqliteAlertStore;
import io.glasshouse.collector.scrape.ScrapeManager;
import io.glasshouse.collector.CollectorRoutes;
import io.glasshouse.demo.DemoBackfill;
import io.glasshouse.demo.DemoDefaults;
import io.glasshouse.demo.DemoFleet;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.journal.Journal;
import io.glasshouse.rollup.journal.JournalOptions;
import io.glasshouse.rollup.slo.OpenSloParser;
import io.glasshouse.rollup.slo.SloKind;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteConfigStore;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.server.config.SloSettings;
import io.glasshouse.server.configapi.ConfigApi;
import io.glasshouse.server.configapi.ConfigObjects;
import io.glasshouse.server.http.Drain;
import io.glasshouse.server.http.HttpVerticle;
import io.glasshouse.server.startup.StartProgress;
import io.glasshouse.server.wiring.Closeables;
import io.glasshouse.server.wiring.SloWiring;
import io.glasshouse.server.wiring.IncidentsWiring;
import io.glasshouse.server.wiring.SubscriptionsWiring;
import io.glasshouse.server.wiring.StatuspageApiWiring;
import io.glasshouse.server.wiring.StatusPageWiring;
import io.glasshouse.server.wiring.StaffWiring;
import io.glasshouse.statuspage.staff.StaffRoutes;
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
  private final FileLock lock;
  private final Drain drain;
  private final Clock clock;
  /** Everything started, closed last-started-first by {@link #stop} (and by a start-up that fails half way). */
  private final Closeables closeables;
  private final Parts parts;

  /** The started parts the accessors hand out (tests and the launcher read them). */
  private record Parts(RollupEngine engine, CapacityPlanner planner, ScrapeManager scrape, StatusParts status,
      AlertEngine alerts, SloReports slos, ConfigObjects configObjects, IncidentsWiring incidents,
      SubscriptionsWiring subscriptions) {
  }

  private Glasshouse(Vertx vertx, ServerSettings settings, FileLock lock, Drain drain, Clock clock,
      Closeables closeables, Parts parts) {
    this.vertx = vertx;
    this.settings = settings;
    this.lock = lock;
    this.drain = drain;
    this.clock = clock;
    this.closeables = closeables;
    this.parts = parts;
  }

  /** Starts everything; fails with {@link IllegalArgumentException} naming the key for bad configuration. */
  public static Future<Glasshouse> start(GlasshouseConfig config, boolean demo, Clock clock) {
    return start(config, demo, clock, false);
  }

  /**
   * As {@link #start(GlasshouseConfig, boolean, Clock)}; {@code cutJournal} lets journal replay cut a segment at a
   * corrupt record ({@value Journal#CUT_FLAG}) instead of stopping start-up with a message naming it.
   *
   * <p>Every part registers in one {@link Closeables} list the moment it runs; if start-up fails half way, what
   * did start is closed in reverse order, the data folder lock is released and Vert.x closes, so nothing is left
   * open (an in-process restart on the same folder works).
   */
  public static Future<Glasshouse> start(GlasshouseConfig config, boolean demo, Clock clock, boolean cutJournal) {
    return start(config, demo, clock, cutJournal, new StartProgress());
  }

  /** As above; {@code progress} is told which part is starting (the launcher names it on a start-up timeout). */
  public static Future<Glasshouse> start(GlasshouseConfig config, boolean demo, Clock clock, boolean cutJournal,
      StartProgress progress) {
    StartPlan plan;
    try {
      plan = StartPlan.of(config, demo, clock);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Settings s = plan.settings();
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
    Closeables closeables = new Closeables();
    SqliteRollupStore sqlite = SqliteRollupStore.create(vertx, s.server().dataDir());
    closeables.add("rollup store", sqlite::close);
    Drain drain = new Drain();
    // Completed outside any Vert.x context: a future bound to an event loop cannot deliver a start-up failure
    // once Vert.x is closed (start-up then hung with a RejectedExecutionException trace instead of exiting).
    Promise<Glasshouse> result = Promise.promise();
    Path journalDir = s.server().dataDir().resolve("journal");
    progress.begin("the rollup engine's replay of " + StartProgress.mebibytesIn(journalDir) + " MiB of journal ("
        + journalDir + ") and its start-up checkpoint", "check that the disk of " + s.server().dataDir()
        + " is not failing or full and that the store is not locked by another process");
    RollupEngine.start(vertx, sqlite, s.server().dataDir().resolve("journal"), s.rollup(), clock, registry,
            JournalOptions.defaults().withCutAtCorruption(cutJournal))
        .compose(engine -> {
          closeables.add("rollup engine", engine::close);
          return engine.configureInstances(s.instances()).map(engine);
        })
        .compose(engine -> {
          progress.begin("the server's parts (config objects, scrape, status, incidents, alerts, subscriptions, "
              + "HTTP on port " + s.server().port() + ")", "look in the log for the last part that started");
          return startParts(vertx, plan, sqlite, engine, clock, registry, drain, closeables);
        })
        .map(parts -> {
          DemoFleet fleet = s.demo() == null ? null : startDemo(vertx, s, parts, clock, closeables);
          if (fleet != null) {
            closeables.addSync("demo fleet", fleet::close);
          }
          LOG.info("Glasshouse is listening on http://localhost:{}/ (data in {}, {} event loops{})",
              s.server().port(), s.server().dataDir().toAbsolutePath(), s.server().eventLoops(),
              fleet == null ? "" : ", demo fleet pushing OTLP");
          LOG.info("access: {}", s.access().summary());
          if (fleet != null && s.demoStaffToken() != null) {
            LOG.info("capacity report for staff: http://localhost:{}/reports/capacity?token={}",
                s.server().port(), s.demoStaffToken());
            LOG.info("staff view: http://localhost:{}/staff (sign in with that token); public status page: "
                + "http://localhost:{}/status", s.server().port(), s.server().port());
          }
          return new Glasshouse(vertx, s.server(), lock, drain, clock, closeables, parts);
        })
        .onSuccess(result::complete)
        .onFailure(e -> closeables.closeAll().onComplete(ar -> {
          release(lock);
          result.fail(explain(e, s.server()));
          // Closing Vert.x from its own event loop: nothing may listen on it, its executors are going away.
          vertx.close();
        }));
    return result.future();
  }

  /**
   * Starts every part that reads the running engine, in dependency order, each registered in {@code closeables}
   * as it runs: config objects, capacity planner, scrape manager, SLO reports, component status, alerts, then one
   * HTTP verticle per event loop; the periodic work (capacity, SLOs, alerts) is started last.
   */
  private static Future<Parts> startParts(Vertx vertx, StartPlan plan, SqliteRollupStore sqlite,
      RollupEngine engine, Clock clock, PrometheusMeterRegistry registry, Drain drain, Closeables closeables) {
    Settings s = plan.settings();
    SloSettings sloSettings = plan.slo();
    StatuspageApiWiring statusApi = plan.statusApi();
    StatusPageWiring statusPage = plan.statusPage();
    // alerts (issue 11): rules from the file and the config API's alert-rule kind
    AlertsWiring alertsWiring = new AlertsWiring(s.alerts());
    // config objects (config API): persisted next to the rollups; file objects are read-only there
    return ConfigObjects.open(SqliteConfigStore.sharing(sqlite, s.server().dataDir()), clock, s.capacity(),
            s.status().components(),
            kinds -> {
              kinds.register(SloKind.INSTANCE, sloSettings.definitions());
              kinds.registerParser(new OpenSloParser());
              plan.limits().apply(kinds);
              alertsWiring.register(kinds, engine, vertx);
            })
        .compose(configObjects -> {
          closeables.add("config objects", configObjects::close);
          CapacityPlanner planner = new CapacityPlanner(engine, s.capacity(), clock);
          closeables.addSync("capacity planner", planner::stop);
          configObjects.feed(planner);
          // scraping (collector.scrape): one manager verticle; its target API is mounted on every HTTP verticle
          ScrapeManager scrape = new ScrapeManager(s.scrape(), s.collector(), engine, registry, clock);
          // SLOs: evaluated every slo.refresh off the event loops, read by /api/v1/slos; definitions from the
          // file and the config API (a change applies at the next refresh)
          SloReports slos = new SloReports(SloWiring.counts(vertx, engine, s.rollup(), sloSettings), clock,
              sloSettings.refresh(), sloSettings.forecastRefresh());
          closeables.addSync("SLO reports", slos::stop);
          configObjects.registry().subscribe(SloKind.INSTANCE, slos::replaceDefinitions);
          AtomicReference<List<ComponentDefinition>> components = new AtomicReference<>(List.of());
          configObjects.registry().subscribe(ComponentDefinitionKind.INSTANCE, components::set);
          // alerts (issue 11): rules over rollup queries, SLO burn and capacity forecasts; state in <data>/alerts.db
          alertsWiring.connect(slos, sloSettings.refresh(), planner::latest);
          AlertsConfig alertsConfig = alertsWiring.config();
          CollectorRoutes.ServerWide ingest = CollectorRoutes.forServer(engine, s.collector(), s.access().tokens(),
              registry, clock);
          AtomicReference<StatusParts> status = new AtomicReference<>();
          AtomicReference<IncidentsWiring> incidents = new AtomicReference<>();
          AtomicReference<SubscriptionsWiring> subscriptions = new AtomicReference<>();
          AtomicReference<AlertEngine> alerts = new AtomicReference<>();
          return vertx.deployVerticle(scrape)
              .compose(scrapeId -> {
                closeables.add("scrape manager", () -> vertx.undeploy(scrapeId));
                // incidents and maintenance (issue 10): <data>/incidents.db; they drive component status
                return IncidentsWiring.open(vertx, s.server().dataDir(), s.incidents(), clock);
              })
              .compose(inc -> {
                incidents.set(inc);
                closeables.add("incidents", inc::close);
                // component status: evaluated every components.evaluate-every, served by each HTTP verticle
                return StatusParts.start(vertx, s, sqlite, engine, clock, components::get, slos, inc);
              })
              .compose(st -> {
                status.set(st);
                closeables.add("component status", st::close);
                statusPage.start(vertx, st.evaluator(), incidents.get().log(), clock);
                return incidents.get().start(st.evaluator());
              })
              .compose(v -> vertx.executeBlocking(() -> SqliteAlertStore.open(s.server().dataDir()), false))
              .compose(alertStore -> {
                closeables.add("alert store", () -> vertx.executeBlocking(() -> {
                  alertStore.close();
                  return null;
                }, false));
                return AlertEngine.open(vertx, clock, alertsConfig, alertStore, registry);
              })
              .compose(alertEngine -> {
                alerts.set(alertEngine);
                closeables.addSync("alert engine", alertEngine::close);
                alertsWiring.follow(configObjects.registry(), alertEngine);
                statusApi.withIncidents(incidents.get().log());
                // feeds and webhook subscriptions (issue 10): <data>/subscriptions.db, told of status snapshots
                return SubscriptionsWiring.start(vertx, s.subscriptions(), s.server(), status.get().evaluator(), clock);
              })
              .compose(subs -> {
                subscriptions.set(subs.withIncidents(incidents.get().log()));
                closeables.add("subscriptions", subs::close);
                StaffRoutes staff = StaffWiring.routes(plan.staff(), engine, status.get().evaluator(), slos,
                    alerts.get(), planner, s.access().tokens(), clock);
                return vertx.deployVerticle(() -> new HttpVerticle(engine, planner, s.collector(),
                      s.access().tokens(), registry, clock, s.server().host(), s.server().port(),
                      s.server().shutdownTimeout(), s.queryLimits(), drain, ingest, router -> {
                        ConfigApi.mount(router, configObjects.registry(), s.access().tokens());
                        AlertRoutes.mount(router, alerts.get(), s.access().tokens());
                        incidents.get().mount(router, s.access().tokens());
                        staff.mount(router);
                        subscriptions.get().mount(router, s.access().tokens());
                      }).withScrape(scrape).withSlos(slos).withComponentStatus(status.get().evaluator())
                      .withPublicRoutes(router -> {
                        statusApi.mount(router, vertx, status.get().evaluator());
                        statusPage.mount(router);
                      }),
                    new DeploymentOptions().setInstances(s.server().eventLoops()));
              })
              .map(httpId -> {
                // HTTP servers stop first on shutdown: they finish in-flight requests while everything else runs
                closeables.add("HTTP servers", () -> vertx.undeploy(httpId));
                alerts.get().start();
                planner.start(vertx).onFailure(e -> LOG.warn("first capacity refresh failed: {}", e.toString()));
                slos.start(vertx).onFailure(e -> LOG.warn("first SLO refresh failed: {}", e.toString()));
                return new Parts(engine, planner, scrape, status.get(), alerts.get(), slos, configObjects,
                    incidents.get(), subscriptions.get());
              });
        });
  }

  /** Starts the demo fleet pushing OTLP and, on an empty data folder, backfills its history. */
  private static DemoFleet startDemo(Vertx vertx, Settings s, Parts parts, Clock clock, Closeables closeables) {
    URI base = URI.create("http://127.0.0.1:" + s.server().port());
    DemoFleet fleet = DemoFleet.start(base.resolve("/v1/metrics"), clock, s.demo());
    // stopped first on shutdown (its retries against a draining server held SIGTERM up for minutes)
    DemoBackfillStop backfill = new DemoBackfillStop();
    closeables.add("demo backfill", backfill::stop);
    parts.engine().services()
        .compose(known -> known.isEmpty()
            ? backfill.start(() -> DemoBackfill.start(vertx, base, clock, s.demo(), DemoBackfill.Options.demo(), null))
            : Future.failedFuture(new IllegalStateException("the data folder already holds "
                + known.size() + " services; history is not backfilled again")))
        .onSuccess(r -> {
          LOG.info("demo history backfilled: {} samples over {} through /api/v1/ingest in {} s",
              r.samples(), DemoDefaults.HISTORY, r.duration().toMillis() / 1000.0);
          parts.planner().refresh();
        })
        .onFailure(e -> LOG.info("demo history backfill skipped: {}", e.getMessage()));
    return fleet;
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
   * accepting and finish in-flight requests, every other part closes in the reverse order it started (the engine commits and checkpoints everything, the store closes last),
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
    try {
      closeables.closeAll().toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
    return parts.engine();
  }

  /** The scrape manager (the {@code scrape:} section's jobs). */
  public ScrapeManager scrape() {
    return parts.scrape();
  }

  public CapacityPlanner capacity() {
    return parts.planner();
  }

  /** The component status evaluator (its {@code latest()} snapshot is what the status API serves). */
  public StatusEvaluator componentStatus() {
    return parts.status().evaluator();
  }

  /** Incidents and maintenance (issue 10): {@code incidents().log()} is what the page and feeds read. */
  public IncidentsWiring incidents() {
    return parts.incidents();
  }

  /** Feeds and webhook subscriptions (issue 10). */
  public SubscriptionsWiring subscriptions() {
    return parts.subscriptions();
  }

  /** The alert engine (issue 11). */
  public AlertEngine alerts() {
    return parts.alerts();
  }

  /** The SLO reports (definitions replaceable at run time, e.g. by the config API). */
  public SloReports slos() {
    return parts.slos();
  }

  /** The live configuration objects behind the config API. */
  public ConfigObjects configObjects() {
    return parts.configObjects();
  }
}
