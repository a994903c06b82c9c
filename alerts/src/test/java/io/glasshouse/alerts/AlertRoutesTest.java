package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.api.AlertRoutes;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.alerts.config.AlertsConfig;
import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.rule.RuleSpec;
import io.glasshouse.alerts.store.MemoryAlertStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The staff alert API: silences through the API, the alert list with muting, staff-token checks. */
class AlertRoutesTest {
  Vertx vertx;
  WebClient client;
  HttpServer server;
  AlertEngine engine;
  StaticRule rule;
  ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    rule = new StaticRule(RuleSpec.named("Down"));
    engine = AlertEngine.open(vertx, clock, AlertsConfig.empty().withRules(List.of(rule)), new MemoryAlertStore(),
        new SimpleMeterRegistry()).await();
    Router router = Router.router(vertx);
    AlertRoutes.mount(router, engine, AccessTokens.of(AccessTokens.named("staff", Set.of("staff-secret"),
        Set.of(Scope.READ, Scope.ADMIN)), Set.of()));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  HttpResponse<io.vertx.core.buffer.Buffer> post(String path, Object body, String token) {
    var req = client.post(server.actualPort(), "127.0.0.1", path);
    if (token != null) {
      req.putHeader("authorization", "Bearer " + token);
    }
    return req.sendBuffer(io.vertx.core.buffer.Buffer.buffer(body.toString())).await();
  }

  HttpResponse<io.vertx.core.buffer.Buffer> get(String path) {
    return client.get(server.actualPort(), "127.0.0.1", path).putHeader("authorization", "Bearer staff-secret")
        .send().await();
  }

  @Test
  void aSilenceCreatedThroughTheApiMutesTheAlertAndCanBeExpired() {
    rule.active.add(Map.of("service", "checkout"));
    engine.cycle().await();
    var created = post("/api/v1/alerts/silences", new JsonObject()
        .put("matchers", new JsonArray().add("service=\"checkout\"")).put("duration", "2h")
        .put("createdBy", "alice").put("comment", "maintenance"), "staff-secret");
    assertThat(created.statusCode()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject alerts = get("/api/v1/alerts").bodyAsJsonObject();
    assertThat(alerts.getJsonArray("alerts").getJsonObject(0).getString("mutedBy")).isEqualTo("silenced by " + id);
    var expired = client.delete(server.actualPort(), "127.0.0.1", "/api/v1/alerts/silences/" + id)
        .putHeader("authorization", "Bearer staff-secret").send().await();
    assertThat(expired.bodyAsJsonObject().getJsonObject("status").getString("state")).isEqualTo("expired");
    assertThat(get("/api/v1/alerts").bodyAsJsonObject().getJsonArray("alerts").getJsonObject(0)
        .getValue("mutedBy")).isNull();
  }

  @Test
  void aSilenceWithoutAReasonIsRefusedWithAProblemNamingTheFieldAndNothingIsStored() {
    var r = post("/api/v1/alerts/silences", new JsonObject()
        .put("matchers", new JsonArray().add("service=\"checkout\"")).put("duration", "2h")
        .put("createdBy", "alice"), "staff-secret");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(r.bodyAsJsonObject().getString("detail")).startsWith("comment:");
    var everything = post("/api/v1/alerts/silences", new JsonObject()
        .put("matchers", new JsonArray().add("service=~\".*\"")).put("duration", "2h")
        .put("createdBy", "alice").put("comment", "x"), "staff-secret");
    assertThat(everything.statusCode()).isEqualTo(400);
    assertThat(everything.bodyAsJsonObject().getString("detail")).contains("mute every alert");
    assertThat(get("/api/v1/alerts/silences").bodyAsJsonObject().getJsonArray("silences")).isEmpty();
  }

  @Test
  void theApiNeedsAStaffToken() {
    var r = post("/api/v1/alerts/silences", new JsonObject(), null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    var wrong = client.get(server.actualPort(), "127.0.0.1", "/api/v1/alerts")
        .putHeader("authorization", "Bearer nope").send().await();
    assertThat(wrong.statusCode()).isEqualTo(401);
  }
}
