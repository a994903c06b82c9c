package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.receiver.Notification;
import io.glasshouse.alerts.receiver.Receiver;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.alerts.receiver.WebhookPayload;
import io.glasshouse.alerts.route.Route;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, on loopback) receives Glasshouse's alerts with the right
 * labels and fingerprint, then their resolution; and its own webhook payload has exactly the shape of ours.
 */
class AlertmanagerTest {
  Vertx vertx;
  WebClient client;
  TestReceiver amWebhook;
  RealAlertmanager am;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(Files.isExecutable(RealAlertmanager.BINARY) || System.getenv("CI") != null,
        "prometheus-alertmanager is not installed (.ci/run does; in CI its absence fails the test)");
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    amWebhook = TestReceiver.start(vertx);
    am = RealAlertmanager.start(dir, """
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
          group_interval: 1s
        receivers:
          - name: hook
            webhook_configs:
              - url: %s
                send_resolved: true
        """.formatted(amWebhook.url("/am")), vertx, client);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (am != null) {
      am.close();
    }
    if (vertx != null) {
      amWebhook.close();
      vertx.close().await();
    }
  }

  JsonArray amAlerts() {
    return client.getAbs(am.url("/api/v2/alerts")).send().map(r -> r.bodyAsJsonArray()).await();
  }

  @Test
  void alertmanagerReceivesTheAlertWithItsLabelsAndFingerprintThenItsResolution() {
    // Alertmanager judges startsAt/endsAt by its own wall clock, so the driven clock starts at the real time.
    ManualClock clock = new ManualClock(Instant.now());
    StaticRule rule = new StaticRule(RuleSpec.named("DiskWillFill").withLabels(Map.of("severity", "page")));
    AlertsConfig c = new AlertsConfig("http://glasshouse.test", Duration.ofSeconds(10), Duration.ofMinutes(1),
        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)), List.of(rule),
        Route.root("none", List.of()), List.of(), Map.of("none", new Receiver("none", List.of())),
        List.of(am.url("")));
    AlertEngine engine = AlertEngine.open(vertx, clock, c, new MemoryAlertStore(), new SimpleMeterRegistry()).await();
    rule.active.add(Map.of("service", "db", "indicator", "disk"));
    engine.cycle().await();
    String ours = engine.firing().get(0).fingerprint();

    JsonArray seen = RealAlertmanager.poll(vertx, () -> client.getAbs(am.url("/api/v2/alerts")).send()
        .map(r -> r.bodyAsJsonArray()), a -> a.size() == 1, Duration.ofSeconds(20)).await();
    JsonObject alert = seen.getJsonObject(0);
    assertThat(alert.getJsonObject("labels").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "alertname", "DiskWillFill", "service", "db", "indicator", "disk", "severity", "page"));
    assertThat(alert.getString("fingerprint")).as("Alertmanager's fingerprint equals ours").isEqualTo(ours);
    assertThat(alert.getJsonObject("status").getString("state")).isEqualTo("active");

    rule.active.clear();
    clock.add(Duration.ofSeconds(1));
    engine.cycle().await();
    // Each poll moves the clock by the resend delay and evaluates again, so the resolved alert is re-sent as
    // Prometheus does; the failure message carries every delivery outcome.
    RealAlertmanager.poll(vertx, () -> {
      clock.add(Duration.ofMinutes(1));
      return engine.cycle().compose(v -> client.getAbs(am.url("/api/v2/alerts")).send())
          .map(r -> r.bodyAsJsonArray().add(String.valueOf(engine.notificationLog().deliveries())));
    }, a -> a.size() == 1, Duration.ofSeconds(30)).await();
    JsonObject resolved = RealAlertmanager.poll(vertx, () -> io.vertx.core.Future.succeededFuture(
            amWebhook.bodies.stream().filter(b -> "resolved".equals(b.getString("status"))).findFirst()
                .orElse(null)), b -> b != null, Duration.ofSeconds(20)).await();
    assertThat(resolved.getJsonArray("alerts").getJsonObject(0).getString("fingerprint")).isEqualTo(ours);
    engine.close();
  }

  @Test
  void ourWebhookPayloadHasExactlyTheShapeOfAlertmanagersVersion4() {
    Instant now = Instant.now();
    JsonArray post = new JsonArray().add(new JsonObject()
        .put("labels", new JsonObject().put("alertname", "Shape").put("service", "db"))
        .put("annotations", new JsonObject().put("summary", "s"))
        .put("startsAt", now.toString()).put("generatorURL", "http://glasshouse.test/staff"));
    client.postAbs(am.url("/api/v2/alerts")).sendJson(post).await();
    JsonObject theirs = RealAlertmanager.poll(vertx, () -> io.vertx.core.Future.succeededFuture(
        amWebhook.bodies.isEmpty() ? null : amWebhook.bodies.get(0)), b -> b != null, Duration.ofSeconds(20)).await();

    Alert a = new Alert("Shape", new TreeMap<>(Map.of("alertname", "Shape", "service", "db")),
        new TreeMap<>(Map.of("summary", "s")), AlertState.FIRING, now, now, null, now, 1, "http://glasshouse.test/staff");
    JsonObject ours = WebhookPayload.of(new Notification("hook", "{}:{alertname=\"Shape\"}", "firing",
        new TreeMap<>(Map.of("alertname", "Shape")), List.of(a), "http://glasshouse.test"), 0);

    assertThat(shape(ours)).isEqualTo(shape(theirs));
    assertThat(ours.getString("version")).isEqualTo(theirs.getString("version")).isEqualTo("4");
    assertThat(shape(ours.getJsonArray("alerts").getJsonObject(0)))
        .isEqualTo(shape(theirs.getJsonArray("alerts").getJsonObject(0)));
    assertThat(ours.getJsonArray("alerts").getJsonObject(0).getString("fingerprint"))
        .isEqualTo(theirs.getJsonArray("alerts").getJsonObject(0).getString("fingerprint"));
    assertThat(ours.getJsonArray("alerts").getJsonObject(0).getString("startsAt"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
  }

  /** Field names with the JSON type of each value. */
  static Map<String, String> shape(JsonObject o) {
    Map<String, String> out = new TreeMap<>();
    o.forEach(e -> {
      Object v = e.getValue();
      out.put(e.getKey(), v == null ? "null" : v instanceof String ? "string" : v instanceof Number ? "number"
          : v instanceof Boolean ? "boolean" : v instanceof JsonObject ? "object" : v instanceof JsonArray ? "array"
          : v.getClass().getSimpleName());
    });
    return out;
  }
}
