package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces joined in one server: an SLO and a component created through the config API (no restart) drive the
 * component's status from the SLO's burn; OpenSLO documents land as {@code slo} objects; SLOs from the file are
 * read-only through the API.
 */
class SloDrivenStatusEndToEndTest {
  private static final String ADMIN = "admin-secret";

  @TempDir
  Path dir;

  private static InProcessServer start(ManualClock clock, Path dir) {
    return InProcessServer.start(clock, dir, Map.of(), Map.of("open-read", true), c -> {
      c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":admin+read"));
      c.setList("slos", new JsonArray().add(new JsonObject("""
          {"name": "from-file", "service": "other", "target": 0.99,
           "sli": {"ratio": {"bad": "requests{status=~\\"5..\\"}", "total": "requests"}},
           "window": {"rolling": "7d"}}""")));
    });
  }

  private static HttpResponse<Buffer> admin(InProcessServer s, HttpMethod method, String path, Buffer body,
      String contentType) {
    var r = s.client.requestAbs(method, s.url(path)).putHeader("Authorization", "Bearer " + ADMIN);
    if (body == null) {
      return Await.result(r.send());
    }
    return Await.result(r.putHeader("Content-Type", contentType).sendBuffer(body));
  }

  private static void minute(InProcessServer s, long t, int ok, int errors) {
    JsonArray samples = new JsonArray()
        .add(new JsonObject().put("metric", "requests").put("type", "delta_counter").put("value", ok)
            .put("timestamp", t).put("labels", new JsonObject().put("status", "200")))
        .add(new JsonObject().put("metric", "requests").put("type", "delta_counter").put("value", errors)
            .put("timestamp", t).put("labels", new JsonObject().put("status", "503")));
    HttpResponse<Buffer> r = Await.result(s.client.postAbs(s.url("/api/v1/ingest"))
        .putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("service", "checkout").put("instance", "i-1").put("samples", samples)
            .toBuffer()));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static JsonObject component(InProcessServer s, String id) {
    return Await.result(s.client.getAbs(s.url("/api/v1/components/" + id)).send()).bodyAsJsonObject();
  }

  @Test
  void anSloAndAComponentCreatedThroughTheApiTurnAnOutageIntoAMajorOutageWithoutARestart() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = start(clock, dir)) {
      HttpResponse<Buffer> slo = admin(s, HttpMethod.POST, "/api/v1/config/slo", new JsonObject("""
          {"name": "checkout-availability", "service": "checkout", "target": 0.999,
           "sli": {"ratio": {"bad": "requests{status=~\\"5..\\"}", "total": "requests"}},
           "window": {"rolling": "30d"}}""").toBuffer(), "application/json");
      assertThat(slo.statusCode()).as(slo.bodyAsString()).isEqualTo(201);
      HttpResponse<Buffer> comp = admin(s, HttpMethod.POST, "/api/v1/config/component", new JsonObject("""
          {"id": "checkout", "name": "Checkout", "services": [], "slos": ["checkout-availability"]}""")
          .toBuffer(), "application/json");
      assertThat(comp.statusCode()).as(comp.bodyAsString()).isEqualTo(201);

      for (int m = 0; m < 10; m++) {
        minute(s, clock.millis() + 1_000, 1000, 0);
        clock.add(Duration.ofMinutes(1));
      }
      Await.result(s.glasshouse().slos().refresh());
      Await.result(s.glasshouse().componentStatus().evaluate());
      assertThat(component(s, "checkout").getString("status")).isEqualTo("operational");

      // a total outage: every request fails for ten minutes
      for (int m = 0; m < 10; m++) {
        minute(s, clock.millis() + 1_000, 0, 1000);
        clock.add(Duration.ofMinutes(1));
      }
      Await.result(s.glasshouse().slos().refresh());
      Await.result(s.glasshouse().componentStatus().evaluate());
      JsonObject checkout = component(s, "checkout");
      assertThat(checkout.getString("status")).isEqualTo("major_outage");
      assertThat(checkout.getString("rule")).isEqualTo("availability_burn_1h_5m");
      assertThat(checkout.getJsonObject("reason").getString("slo")).isEqualTo("checkout-availability");

      JsonArray listed = Await.result(s.client.getAbs(s.url("/api/v1/slos")).send()).bodyAsJsonObject()
          .getJsonArray("slos");
      assertThat(listed.stream().map(o -> ((JsonObject) o).getString("name")))
          .contains("checkout-availability", "from-file");
    }
  }

  @Test
  void openSloDocumentsBecomeSloObjectsAndFileSlosAreReadOnly() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = start(clock, dir)) {
      String openSlo = """
          apiVersion: openslo/v1
          kind: SLO
          metadata:
            name: search-availability
          spec:
            service: search
            budgetingMethod: Occurrences
            timeWindow:
              - duration: 28d
                isRolling: true
            objectives:
              - target: 0.995
            indicator:
              metadata:
                name: search-errors
              spec:
                ratioMetric:
                  counter: true
                  bad:
                    metricSource:
                      type: Prometheus
                      spec:
                        query: requests{status=~"5.."}
                  total:
                    metricSource:
                      type: Prometheus
                      spec:
                        query: requests
          """;
      HttpResponse<Buffer> put = admin(s, HttpMethod.PUT, "/api/v1/config/openslo", Buffer.buffer(openSlo),
          "application/yaml");
      assertThat(put.statusCode()).as(put.bodyAsString()).isBetween(200, 201);
      HttpResponse<Buffer> got = admin(s, HttpMethod.GET, "/api/v1/config/slo/search-availability", null, null);
      assertThat(got.statusCode()).as(got.bodyAsString()).isEqualTo(200);
      assertThat(got.bodyAsJsonObject().getJsonObject("spec").getDouble("target")).isEqualTo(0.995);

      HttpResponse<Buffer> fileSlo = admin(s, HttpMethod.DELETE, "/api/v1/config/slo/from-file", null, null);
      assertThat(fileSlo.statusCode()).isEqualTo(409);
      assertThat(fileSlo.bodyAsJsonObject().getString("detail")).contains("file");

      HttpResponse<Buffer> bad = admin(s, HttpMethod.POST, "/api/v1/config/slo", new JsonObject("""
          {"name": "broken", "service": "checkout", "target": 1.5,
           "sli": {"ratio": {"bad": "requests", "total": "requests"}}, "window": {"rolling": "30d"}}""")
          .toBuffer(), "application/json");
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("target");
    }
  }
}
