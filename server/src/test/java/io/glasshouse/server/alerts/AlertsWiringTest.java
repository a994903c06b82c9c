package io.glasshouse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server reads the alerts: section, runs its rules, delivers to its receivers and serves the alert API. */
class AlertsWiringTest {
  @TempDir
  Path dir;

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  GlasshouseConfig config(int port, JsonObject alerts) {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.toString());
    c.override("server", "event-loops", 1);
    c.override("server", "staff-tokens", new JsonArray().add("s3cret"));
    alerts.forEach(e -> c.override("alerts", e.getKey(), e.getValue()));
    return c;
  }

  @Test
  void aConfiguredAbsenceRuleIsDeliveredToTheConfiguredWebhookAndListedByTheApi() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<JsonObject> hooks = new CopyOnWriteArrayList<>();
    HttpServer hook = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      hooks.add((JsonObject) Json.decodeValue(b));
      req.response().end();
    })).listen(0, "127.0.0.1").await();
    int port = freePort();
    JsonObject alerts = new JsonObject()
        .put("external-url", "http://glasshouse.test")
        .put("evaluation-interval", "1h")
        .put("route", new JsonObject().put("receiver", "hook").put("group_wait", "0s"))
        .put("receivers", new JsonArray().add(new JsonObject().put("name", "hook").put("webhook_configs",
            new JsonArray().add(new JsonObject().put("url", "http://127.0.0.1:" + hook.actualPort() + "/hook")))))
        .put("rules", new JsonArray().add(new JsonObject().put("name", "NoCheckout").put("kind", "absence")
            .put("services", new JsonArray().add("checkout")).put("labels", new JsonObject().put("severity", "page"))));
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    Glasshouse g = Await.result(Glasshouse.start(config(port, alerts), false, clock));
    try {
      Await.result(g.alerts().cycle());
      Await.until("the webhook is called", () -> !hooks.isEmpty(), Duration.ofSeconds(30));
      JsonObject alert = hooks.get(0).getJsonArray("alerts").getJsonObject(0);
      assertThat(alert.getJsonObject("labels").getMap()).containsEntry("alertname", "NoCheckout")
          .containsEntry("service", "checkout").containsEntry("severity", "page");
      // the service's instances page, which the staff view serves (there is no /staff/services/{service} page)
      assertThat(alert.getString("generatorURL"))
          .isEqualTo("http://glasshouse.test/staff/services/checkout/instances");

      WebClient client = WebClient.create(vertx);
      JsonObject list = Await.result(client.get(port, "127.0.0.1", "/api/v1/alerts")
          .putHeader("authorization", "Bearer s3cret").send()).bodyAsJsonObject();
      assertThat(list.getJsonArray("alerts").getJsonObject(0).getString("state")).isEqualTo("firing");
      String metrics = Await.result(client.get(port, "127.0.0.1", "/metrics").send()).bodyAsString();
      assertThat(metrics).contains("glasshouse_alerts_active{state=\"firing\"} 1.0")
          .contains("glasshouse_alerts_notifications_total");
    } finally {
      g.stop(Duration.ofSeconds(30));
      vertx.close().await();
    }
  }

  @Test
  void aBadAlertsKeyStopsStartUpNamingIt() throws Exception {
    JsonObject alerts = new JsonObject().put("rules", new JsonArray().add(new JsonObject().put("name", "X")
        .put("kind", "threshold").put("service", "a").put("metric", "m").put("fn", "p99").put("value", 0.5)
        .put("windw", "1m")));
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    assertThatThrownBy(() -> Await.result(Glasshouse.start(config(freePort(), alerts), false, clock)))
        .hasStackTraceContaining("alerts.rules[0].windw");
  }
}
