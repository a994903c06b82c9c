package io.glasshouse.statuspage.staff;

import io.glasshouse.alerts.config.AlertsSection;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.access.AccessToken;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloJsonCodec;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One real server-side world for the staff view tests, built once: a rollup engine on SQLite fed six hours of a
 * four-instance service ({@code shop}, whose {@code i-2} fails 25% of its requests over the last 20 minutes) on a
 * {@link ManualClock}, a real {@link SloReports} evaluating {@code shop-availability} (99%, rolling 1 day) over it,
 * a status evaluator with a public, a private and a hostile-named component, and an alert engine with a firing
 * threshold rule whose labels carry markup. Served over HTTP by {@link StaffRoutes} on a random port.
 */
final class StaffFixture {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final int MINUTES = 6 * 60;
  static final String READ_TOKEN = "read-token-0123456789";
  static final String INGEST_TOKEN = "ingest-token-0123456789";
  static final String XSS = "<script>alert('x')</script>";
  static final String XSS_SERVICE = "evil<img src=x onerror=alert(1)>";

  private static StaffFixture instance;

  final Vertx vertx = Vertx.vertx();
  final ManualClock clock = new ManualClock(T0);
  final RollupEngine engine;
  final SloReports slos;
  final StatusEvaluator status;
  final AlertEngine alerts;
  final AccessTokens access = AccessTokens.of(List.of(new AccessToken("oncall", READ_TOKEN, Set.of(Scope.READ)),
      new AccessToken("pusher", INGEST_TOKEN, Set.of(Scope.INGEST))), Set.of(Scope.READ));
  final StaffRoutes staff;
  final int port;

  static synchronized StaffFixture get() {
    if (instance == null) {
      instance = new StaffFixture();
    }
    return instance;
  }

  private StaffFixture() {
    try {
      Path dir = Files.createTempDirectory("staff-fixture");
      RollupConfig d = RollupConfig.defaults();
      RollupConfig config = new RollupConfig(d.instanceLabels(), d.dropLabels(), 1000, d.lateWindow(), d.staleAfter(),
          Duration.ZERO, Duration.ofMinutes(30), d.queueCapacity(), d.retention(), d.instanceRetention());
      engine = await(RollupEngine.start(vertx, SqliteRollupStore.create(vertx, dir), dir.resolve("journal"), config,
          clock, new SimpleMeterRegistry()));
      feed();
      SloDefinition slo = new SloJsonCodec().fromJson(new JsonObject("""
          {"name": "shop-availability", "service": "shop", "target": 0.99,
           "description": "Orders succeed",
           "sli": {"ratio": {"bad": "http_server_requests{status=~\\"5..\\"}", "total": "http_server_requests"}},
           "window": {"rolling": "1d"}}
          """));
      slos = new SloReports(new DownsampledSliCounts(engine, vertx, config.lateWindow()), clock);
      slos.replaceDefinitions(List.of(slo));
      await(slos.start(vertx));
      slos.stop();

      List<ComponentDefinition> components = List.of(
          new ComponentDefinition("shop", "Shop", "Placing orders", "APIs", 1, true, List.of("shop"), List.of()),
          new ComponentDefinition("ledger", "Ledger", "", "Internal", 1, false, List.of("ledger"), List.of()),
          new ComponentDefinition("evil", XSS, "", "Internal", 2, false, List.of(), List.of()));
      SqliteStatusStore statusStore = SqliteStatusStore.create(vertx, dir);
      await(statusStore.open());
      StatusInputs inputs = new StatusInputs(Map.of(), Map.of(
          "shop", new ServiceLiveness("shop", 4, true), "ledger", new ServiceLiveness("ledger", 0, true)), Set.of());
      status = await(StatusEvaluator.start(vertx, StatusConfig.defaults(components), () -> components,
          () -> Future.succeededFuture(inputs), statusStore, statusStore, clock, false));

      JsonObject alertsSection = new JsonObject().put("rules", new io.vertx.core.json.JsonArray().add(new JsonObject()
          .put("name", "ShopErrors").put("kind", "threshold").put("service", "shop")
          .put("metric", "http_server_requests").put("fn", "rate").put("match", "status=~\"5..\"")
          .put("op", ">").put("value", 0).put("window", "5m")
          .put("labels", new JsonObject().put("severity", "page").put("team", XSS))
          .put("annotations", new JsonObject().put("summary", "shop fails " + XSS))));
      alerts = await(AlertEngine.open(vertx, clock, AlertsSection.fromJson(alertsSection,
          new RuleSources(new QueryService(engine, vertx), null, null)), new MemoryAlertStore(),
          new SimpleMeterRegistry()));
      await(alerts.cycle());

      staff = new StaffRoutes(new StaffSources(engine, status::latest, slos, alerts, null, clock), access,
          StaffOptions.defaults());
      Router router = Router.router(vertx);
      staff.mount(router);
      io.glasshouse.statuspage.web.Pages.mountAssets(router);
      port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  SloReport report() {
    return slos.latest().report("shop-availability").orElseThrow();
  }

  /** Six hours of counters per instance and minute; the last 30 minutes one minute at a time. */
  private void feed() {
    Random rnd = new Random(20261101);
    long[][] ok = new long[4][1];
    long[][] err = new long[4][1];
    long[] evil = new long[1];
    List<Sample> batch = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      long ts = T0.toEpochMilli() + m * 60_000L + 30_000;
      for (int i = 0; i < 4; i++) {
        int n = 200 + rnd.nextInt(50);
        boolean broken = i == 2 && m >= MINUTES - 20;
        int e = broken ? n / 4 : rnd.nextInt(3);
        ok[i][0] += n - e;
        err[i][0] += e;
        batch.add(Sample.counter("http_server_requests", Labels.of("service", "shop", "instance", "i-" + i,
            "status", "200"), ts, ok[i][0]));
        batch.add(Sample.counter("http_server_requests", Labels.of("service", "shop", "instance", "i-" + i,
            "status", "503"), ts, err[i][0]));
      }
      evil[0] += 10;
      batch.add(Sample.counter("http_server_requests", Labels.of("service", XSS_SERVICE, "instance", "x-1",
          "status", "200"), ts, evil[0]));
      boolean last = m >= MINUTES - 30;
      if (last || m % 30 == 29) {
        clock.set(Instant.ofEpochMilli(ts));
        await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
        batch = new ArrayList<>();
        if (last) {
          await(engine.refreshInstanceHealth());
        }
      }
    }
    clock.set(T0.plusSeconds(MINUTES * 60L + 15));
    await(engine.refreshInstanceHealth());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
