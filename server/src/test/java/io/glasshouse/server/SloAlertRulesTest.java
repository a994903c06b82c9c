package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.alerts.config.AlertRuleKind;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.rule.Rule;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloJsonCodec;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SLO-driven alert rules through the real parts: samples into the rollup engine, the SLO evaluation
 * ({@link SloReports} over {@link DownsampledSliCounts}), {@link SloBurnRates}, instance health, rules read as
 * {@code alert-rule} objects, and the {@link AlertEngine}, all on one manual clock.
 */
class SloAlertRulesTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final long MINUTE = 60_000;
  static final int PER_MINUTE = 1000;
  static final String[] INSTANCES = {"i-1", "i-2", "i-3", "i-4"};

  @TempDir
  Path dir;
  Vertx vertx;
  final ManualClock clock = new ManualClock(T0);
  RollupStore store;
  RollupEngine engine;
  SloReports slos;
  final long[][] counts = new long[INSTANCES.length][2];
  int minute;
  boolean started;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    RollupConfig d = RollupConfig.defaults();
    RollupConfig config = new RollupConfig(d.instanceLabels(), d.dropLabels(), 1000, d.lateWindow(), d.staleAfter(),
        Duration.ZERO, Duration.ofMinutes(30), d.queueCapacity(), d.retention(), d.instanceRetention());
    store = SqliteRollupStore.create(vertx, dir);
    engine = RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock, new SimpleMeterRegistry())
        .await();
    SloDefinition slo = new SloJsonCodec().fromJson(new JsonObject("""
        {"name": "shop-availability", "service": "shop", "target": 0.95,
         "sli": {"ratio": {"bad": "http_requests_total{code=~\\"5..\\"}", "total": "http_requests_total"}},
         "window": {"rolling": "1d"}}
        """));
    // refreshed by the test (refresh()), not by the schedule: its period is real time
    slos = new SloReports(new DownsampledSliCounts(engine, vertx, config.lateWindow()), clock, Duration.ofHours(1), Duration.ofMinutes(15));
    slos.replaceDefinitions(List.of(slo));
  }

  @AfterEach
  void tearDown() {
    slos.stop();
    engine.close().await();
    store.close().await();
    vertx.close().await();
  }

  /** {@code minutes} minutes of traffic, each instance's error ratio given per instance index, sent in batches. */
  void traffic(int minutes, IntToDoubleFunction errorRatio, int batchMinutes) {
    List<Sample> batch = new ArrayList<>();
    for (int k = 0; k < minutes; k++, minute++) {
      long ts = T0.toEpochMilli() + minute * MINUTE + 30_000;
      for (int i = 0; i < INSTANCES.length; i++) {
        long errors = Math.round(PER_MINUTE * errorRatio.applyAsDouble(i));
        counts[i][0] += PER_MINUTE - errors;
        counts[i][1] += errors;
        String version = i == 3 ? "1.1" : "1.0";
        batch.add(Sample.counter("http_requests_total", Labels.of("service", "shop", "instance", INSTANCES[i],
            "code", "200", "service_version", version), ts, counts[i][0]));
        batch.add(Sample.counter("http_requests_total", Labels.of("service", "shop", "instance", INSTANCES[i],
            "code", "503", "service_version", version), ts, counts[i][1]));
      }
      if ((k + 1) % batchMinutes == 0 || k == minutes - 1) {
        clock.set(Instant.ofEpochMilli(ts));
        engine.accept(Protocol.REMOTE_WRITE, batch, true).await();
        batch = new ArrayList<>();
      }
    }
    clock.set(T0.plus(Duration.ofMinutes(minute)).plusSeconds(5));
  }

  AlertEngine alerts(JsonObject... rules) {
    SloBurnRates burnRates = new SloBurnRates(slos, Duration.ofMinutes(1));
    AlertRuleKind kind = new AlertRuleKind(new RuleSources(new QueryService(engine, vertx), burnRates, null,
        engine::instanceHealth));
    List<Rule> rs = new ArrayList<>();
    for (JsonObject r : rules) {
      rs.add(kind.fromJson(r).rule());
    }
    return AlertEngine.open(vertx, clock, AlertsConfig.empty().withRules(rs), new MemoryAlertStore(),
        new SimpleMeterRegistry()).await();
  }

  /** Refreshes the SLO reports and instance health at the clock's now, then runs one alert cycle. */
  void evaluate(AlertEngine alerts) {
    engine.refreshInstanceHealth().await();
    refreshSlos();
    alerts.cycle().await();
  }

  void refreshSlos() {
    if (started) {
      slos.refresh().await();
    } else {
      started = true;
      slos.start(vertx).await();
    }
  }

  static List<Alert> firing(AlertEngine e, String rule) {
    return e.firing().stream().filter(a -> a.rule().equals(rule)).toList();
  }

  @Test
  void aPageSaysWhichWindowsFiredHowMuchBudgetIsGoneWhenItRunsOutAndWhichInstancesAndVersions() {
    traffic(24 * 60, i -> 0.001, 30); // a healthy day
    AlertEngine alerts = alerts(new JsonObject().put("name", "ShopBurn").put("kind", "burn-rate")
        .put("slo", "shop-availability").put("slo-window", "1d"));
    evaluate(alerts);
    assertThat(alerts.firing()).isEmpty();
    Alert page = null;
    for (int m = 0; m < 30 && page == null; m++) { // i-4 (version 1.1) fails every request
      traffic(1, i -> i == 3 ? 1.0 : 0.001, 1);
      evaluate(alerts);
      page = firing(alerts, "ShopBurn").stream().filter(x -> "page".equals(x.labels().get("tier"))).findFirst()
          .orElse(null);
    }
    assertThat(page).as("paged within 30 minutes").isNotNull();
    assertThat(page.labels()).containsEntry("tier", "page").containsEntry("severity", "page");
    Map<String, String> a = page.annotations();
    assertThat(a.get("window_pair")).isIn("1h/5m", "6h/30m");
    assertThat(a).containsKeys("budget_consumed", "budget_exhausted_at", "instances", "versions");
    assertThat(a.get("instances")).isEqualTo("i-4");
    assertThat(a.get("versions")).isEqualTo("1.1 ×1");
    assertThat(a.get("summary")).contains("burns its error budget").contains(a.get("window_pair").split("/")[0])
        .contains("of the budget is gone").contains("at this rate it runs out in").contains("at forecast traffic")
        .contains("i-4 (1.1)");
    assertThat(a.get("staff_url")).isEqualTo("/staff/slos/shop-availability");
    alerts.close();
  }

  @Test
  void anSliWithNoDataForTheConfiguredTimeFiresAndNotBefore() {
    traffic(2 * 60, i -> 0.001, 30);
    AlertEngine alerts = alerts(new JsonObject().put("name", "ShopNoData").put("kind", "sli-no-data")
        .put("slo", "shop-availability").put("window", "5m").put("for", "10m"));
    evaluate(alerts);
    assertThat(alerts.alerts()).isEmpty();
    Integer firedAt = null;
    for (int m = 1; m <= 20 && firedAt == null; m++) { // the fleet goes silent
      clock.add(Duration.ofMinutes(1));
      evaluate(alerts);
      if (!firing(alerts, "ShopNoData").isEmpty()) {
        firedAt = m;
      }
    }
    // no events in the last 5 complete minutes from about minute 6, then pending for 10 minutes
    assertThat(firedAt).isBetween(15, 18);
    Alert a = firing(alerts, "ShopNoData").get(0);
    assertThat(a.labels()).containsEntry("slo", "shop-availability").containsEntry("service", "shop");
    assertThat(a.annotations().get("summary")).contains("counted no events over the last 5m");
    alerts.close();
  }

  @Test
  void aBudgetThatRunsOutAtForecastTrafficOpensATicketAndAHealthyOneDoesNot() {
    traffic(7 * 60, i -> 0.02, 30); // 2% errors against a 5% budget: lasts
    AlertEngine alerts = alerts(new JsonObject().put("name", "ShopBudgetForecast").put("kind", "budget-forecast")
        .put("slo", "shop-availability").put("within", "7d"));
    evaluate(alerts);
    assertThat(alerts.alerts()).as("a healthy budget raises nothing").isEmpty();

    traffic(60, i -> 0.10, 30); // the last hour at 10% errors: at forecast traffic the budget runs out in hours
    evaluate(alerts);
    List<Alert> fired = firing(alerts, "ShopBudgetForecast");
    assertThat(fired).hasSize(1);
    Alert a = fired.get(0);
    assertThat(a.labels()).containsEntry("severity", "ticket").containsEntry("slo", "shop-availability");
    Instant at = Instant.parse(a.annotations().get("budget_exhausted_at_forecast"));
    assertThat(at).isAfter(clock.instant()).isBefore(clock.instant().plus(Duration.ofDays(1)));
    assertThat(a.annotations().get("forecast")).contains("traffic:");
    assertThat(a.annotations().get("summary")).contains("runs out at forecast traffic in");
    alerts.close();
  }

  @Test
  void burnRatesAreAnsweredForTheAskedTimeOnlyWhenTheLastEvaluationDescribesIt() {
    traffic(60, i -> 0.001, 30);
    refreshSlos();
    SloBurnRates b = new SloBurnRates(slos, Duration.ofMinutes(1));
    Instant now = clock.instant();
    assertThat(b.burnRate("shop-availability", Duration.ofMinutes(5), now)).isGreaterThan(0);
    assertThatThrownBy(() -> b.burnRate("shop-availability", Duration.ofMinutes(5), now.plus(Duration.ofHours(1))))
        .hasMessageContaining("is the SLO evaluation stalled");
    assertThatThrownBy(() -> b.burnRate("shop-availability", Duration.ofMinutes(5), now.minus(Duration.ofHours(1))))
        .hasMessageContaining("are not kept");
    assertThatThrownBy(() -> b.budget("shop-availability", now.plus(Duration.ofDays(1))))
        .hasMessageContaining("stalled");
  }
}
