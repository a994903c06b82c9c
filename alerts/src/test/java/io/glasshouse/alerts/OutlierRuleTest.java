package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.config.AlertRuleKind;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.config.RuleSources;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outlier rule over a real rollup engine's instance health: an instance whose error ratio deviates from its
 * peers' fires once it has deviated for the configured time, labelled with its instance and version.
 */
class OutlierRuleTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  @TempDir
  Path dir;
  final ManualClock clock = new ManualClock(T0);
  RealRollup rollup;
  Vertx vertx;
  RollupEngine engine;
  final long[][] counts = new long[5][2];

  @BeforeEach
  void setUp() {
    rollup = RealRollup.start(dir, clock);
    vertx = rollup.vertx;
    engine = rollup.engine;
  }

  @AfterEach
  void tearDown() {
    rollup.close();
  }

  /** Ten seconds of traffic: 50 requests per instance, api-4 (version 2.1) failing {@code broken} of them. */
  void step(int broken) {
    clock.add(Duration.ofSeconds(10));
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      int errors = i == 4 ? broken : 0;
      counts[i][0] += 50 - errors;
      counts[i][1] += errors;
      String version = i == 4 ? "2.1" : "2.0";
      for (int c = 0; c < 2; c++) {
        batch.add(Sample.counter("http_requests_total", Labels.of("service", "api", "instance", "api-" + i,
            "code", c == 0 ? "200" : "503", "service_version", version), clock.millis(), counts[i][c]));
      }
    }
    engine.accept(Protocol.REMOTE_WRITE, batch, true).await();
  }

  @Test
  void anInstanceDeviatingFromItsPeersForTheConfiguredTimeFiresWithItsInstanceAndVersion() {
    AlertRuleKind kind = new AlertRuleKind(new RuleSources(new QueryService(engine, vertx), null, null,
        engine::instanceHealth));
    var rule = kind.fromJson(new JsonObject().put("name", "OutlierInstance").put("kind", "outlier")
        .put("services", new JsonArray().add("api")).put("deviating-for", "5m")).rule();
    AlertEngine alerts = AlertEngine.open(vertx, clock, AlertsConfig.empty().withRules(List.of(rule)),
        new MemoryAlertStore(), new SimpleMeterRegistry()).await();
    for (int s = 0; s < 60; s++) { // 10 healthy minutes
      step(0);
    }
    engine.refreshInstanceHealth().await();
    alerts.cycle().await();
    assertThat(alerts.alerts()).isEmpty();

    Integer firedAfter = null;
    for (int s = 1; s <= 90 && firedAfter == null; s++) { // api-4 fails 40% of its requests
      step(20);
      if (s % 3 == 0) {
        engine.refreshInstanceHealth().await();
        alerts.cycle().await();
        if (!alerts.firing().isEmpty()) {
          firedAfter = s * 10;
        }
      }
    }
    assertThat(firedAfter).as("seconds until it fired").isNotNull().isGreaterThanOrEqualTo(300)
        .isLessThanOrEqualTo(480);
    Alert a = alerts.firing().get(0);
    assertThat(a.labels()).containsEntry("service", "api").containsEntry("instance", "api-4")
        .containsEntry("version", "2.1");
    assertThat(a.annotations().get("summary")).contains("api-4").contains("version 2.1").contains("error ratio");
    assertThat(alerts.firing()).hasSize(1);
    alerts.close();
  }
}
