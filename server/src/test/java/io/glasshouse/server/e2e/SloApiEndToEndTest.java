package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SLOs from the configuration's slos: list, evaluated from ingested counters and read at /api/v1/slos. */
class SloApiEndToEndTest {
  @TempDir
  Path dir;

  static JsonArray slos() {
    return new JsonArray()
        .add(new JsonObject("""
            {"name": "api-availability", "service": "api", "target": 0.99,
             "sli": {"ratio": {"bad": "requests{status=~\\"5..\\"}", "total": "requests"}},
             "window": {"rolling": "1d"}}"""))
        .add(new JsonObject("""
            {"name": "api-healthy", "service": "api", "target": 0.9,
             "sli": {"ratio": {"good": "requests{status=\\"200\\"}", "total": "requests"}},
             "window": {"calendar": "month", "time-zone": "Europe/Berlin"}}"""))
        .add(new JsonObject("""
            {"name": "idle", "service": "nobody", "target": 0.999,
             "sli": {"gauge": {"metric": "up"}}, "window": {"rolling": "7d"}}"""));
  }

  private static HttpResponse<Buffer> ingest(InProcessServer s, long t, int ok, int errors) {
    JsonArray samples = new JsonArray()
        .add(new JsonObject().put("metric", "requests").put("type", "delta_counter").put("value", ok)
            .put("timestamp", t).put("labels", new JsonObject().put("status", "200")))
        .add(new JsonObject().put("metric", "requests").put("type", "delta_counter").put("value", errors)
            .put("timestamp", t).put("labels", new JsonObject().put("status", "503")));
    return Await.result(s.client.postAbs(s.url("/api/v1/ingest")).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("service", "api").put("instance", "i-1").put("samples", samples)
            .toBuffer()));
  }

  @Test
  void configuredSlosAreListedByBudgetRemainingAndServedInFull() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of(), c -> c.setList("slos", slos()))) {
      long t0 = clock.millis();
      assertThat(ingest(s, t0 + 1_000, 990, 10).statusCode()).isEqualTo(200);
      assertThat(ingest(s, t0 + 61_000, 980, 20).statusCode()).isEqualTo(200);
      clock.add(Duration.ofMinutes(2));
      Await.result(s.glasshouse().slos().refresh());

      JsonObject list = Await.result(s.client.getAbs(s.url("/api/v1/slos")).send()).bodyAsJsonObject();
      JsonArray items = list.getJsonArray("slos");
      // api-availability: 30 bad of 2000, budget 20 → -0.5; api-healthy: 30 of a 200 budget → 0.85; idle: undefined
      assertThat(items.stream().map(o -> ((JsonObject) o).getString("name")))
          .containsExactly("api-availability", "api-healthy", "idle");
      JsonObject first = items.getJsonObject(0);
      assertThat(first.getDouble("sli")).isCloseTo(1970.0 / 2000, within(1e-12));
      assertThat(first.getDouble("budgetRemaining")).isCloseTo(-0.5, within(1e-9));
      assertThat(first.getJsonObject("burnRates").getDouble("5m")).isCloseTo(1.5, within(1e-9));
      assertThat(first.getJsonObject("exhaustion").getString("atCurrentBurn")).isEqualTo("2026-11-27T12:02:00Z");
      assertThat(first.containsKey("budgetOverTime")).isFalse();
      JsonObject idle = items.getJsonObject(2);
      assertThat(idle.getValue("sli")).isNull();
      assertThat(idle.getValue("budgetRemaining")).isNull();

      JsonObject full = Await.result(s.client.getAbs(s.url("/api/v1/slos/api-healthy")).send()).bodyAsJsonObject();
      assertThat(full.getString("windowStart")).isEqualTo("2026-10-31T23:00:00Z"); // 1 November, 00:00 CET
      assertThat(full.getJsonObject("definition").getJsonObject("window").getString("time-zone"))
          .isEqualTo("Europe/Berlin");
      assertThat(full.getJsonObject("budgetOverTime").getDouble("resolutionSeconds")).isEqualTo(3600.0);
      assertThat(full.getJsonObject("budgetOverTime").getJsonArray("points")).isNotEmpty();

      HttpResponse<Buffer> missing = Await.result(s.client.getAbs(s.url("/api/v1/slos/nope")).send());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.getHeader("content-type")).isEqualTo("application/problem+json");
      assertThat(missing.bodyAsJsonObject().getString("detail")).contains("No SLO named 'nope'");
    }
  }
}
