package io.glasshouse.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.state.AlertState;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert rules through {@code /api/v1/config/alert-rule}: validated naming the field, persisted, audited, applied
 * to the running engine without restart, the file's rules read-only; a kept rule's firing alert survives changes.
 */
class AlertRuleConfigApiTest {
  static final String ADMIN = "ops-secret";
  @TempDir
  Path dir;
  final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
  InProcessServer s;

  @BeforeEach
  void start() {
    s = InProcessServer.start(clock, dir, Map.of(), c -> {
      c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":admin"));
      c.override("alerts", "rules", new JsonArray().add(absence("FileNoCheckout", "checkout")));
    });
  }

  @AfterEach
  void stop() {
    s.close();
  }

  static JsonObject absence(String name, String service) {
    return new JsonObject().put("name", name).put("kind", "absence").put("services", new JsonArray().add(service));
  }

  HttpResponse<Buffer> admin(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> r = s.client.requestAbs(method, s.url(path)).putHeader("Authorization", "Bearer " + ADMIN);
    return Await.result(body == null ? r.send()
        : r.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.encode())));
  }

  AlertState state(String rule) {
    return s.glasshouse().alerts().alerts().stream().filter(a -> a.rule().equals(rule)).map(a -> a.state())
        .findFirst().orElse(null);
  }

  @Test
  void alertRulesAreCreatedReplacedAndDeletedThroughTheConfigApiAndApplyWithoutRestart() throws Exception {
    var alerts = s.glasshouse().alerts();
    Await.result(alerts.cycle());
    assertThat(state("FileNoCheckout")).isEqualTo(AlertState.FIRING);

    // refused, naming the field; nothing applied
    HttpResponse<Buffer> bad = admin(HttpMethod.POST, "/api/v1/config/alert-rule",
        new JsonObject().put("name", "Slow").put("kind", "threshold").put("service", "checkout")
            .put("metric", "http_server_duration").put("fn", "p99").put("value", "fast"));
    assertThat(bad.statusCode()).as(bad.bodyAsString()).isEqualTo(422);
    assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("value");
    assertThat(alerts.rules()).extracting(r -> r.name()).containsExactly("FileNoCheckout");

    // created: evaluated at the next cycle, no restart
    HttpResponse<Buffer> created = admin(HttpMethod.POST, "/api/v1/config/alert-rule", absence("NoSearch", "search"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(alerts.rules()).extracting(r -> r.name()).containsExactly("FileNoCheckout", "NoSearch");
    Await.result(alerts.cycle());
    assertThat(state("NoSearch")).isEqualTo(AlertState.FIRING);
    assertThat(state("FileNoCheckout")).isEqualTo(AlertState.FIRING);

    // the file's rule is read-only here
    HttpResponse<Buffer> fileOwned = admin(HttpMethod.PUT, "/api/v1/config/alert-rule/FileNoCheckout",
        absence("FileNoCheckout", "cart"));
    assertThat(fileOwned.statusCode()).as(fileOwned.bodyAsString()).isEqualTo(409);

    // replaced: the new definition decides; deleted: its alert resolves
    HttpResponse<Buffer> replaced = admin(HttpMethod.PUT, "/api/v1/config/alert-rule/NoSearch",
        absence("NoSearch", "cart").put("labels", new JsonObject().put("severity", "ticket")));
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(200);
    Await.result(alerts.cycle());
    assertThat(alerts.alerts()).filteredOn(a -> a.rule().equals("NoSearch") && a.firing())
        .extracting(a -> a.labels().get("service")).containsExactly("cart");
    assertThat(admin(HttpMethod.DELETE, "/api/v1/config/alert-rule/NoSearch", null).statusCode()).isEqualTo(204);
    Await.result(alerts.cycle());
    assertThat(alerts.alerts()).filteredOn(a -> a.rule().equals("NoSearch")).allMatch(a -> a.resolved());
    assertThat(state("FileNoCheckout")).isEqualTo(AlertState.FIRING);

    // audited
    JsonArray audit = admin(HttpMethod.GET, "/api/v1/config/audit", null).bodyAsJsonObject().getJsonArray("entries");
    assertThat(audit.stream().map(e -> ((JsonObject) e).getString("kind")).filter("alert-rule"::equals).count())
        .isEqualTo(3);

    // persisted: back after a restart
    admin(HttpMethod.POST, "/api/v1/config/alert-rule", absence("NoCart", "cart"));
    s.restart();
    assertThat(s.glasshouse().alerts().rules()).extracting(r -> r.name()).containsExactly("FileNoCheckout", "NoCart");
  }
}
