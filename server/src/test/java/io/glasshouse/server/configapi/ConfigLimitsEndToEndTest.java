package io.glasshouse.server.configapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.config.ConfigLimits;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.config.SloSettings;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Limits of the config API: at most {@code slo.max-slos} SLOs and {@code components.max-components} components
 * (file and API together), and audit pages of at most 500 entries; each refusal is problem+json naming what to
 * change, and nothing of a refused request is applied.
 */
class ConfigLimitsEndToEndTest {
  private static final String ADMIN = "ops-secret";

  @TempDir
  Path dir;

  private static HttpResponse<Buffer> admin(InProcessServer s, HttpMethod method, String path, JsonObject body) {
    var r = s.client.requestAbs(method, s.url(path)).putHeader("Authorization", "Bearer " + ADMIN);
    return Await.result(body == null ? r.send()
        : r.putHeader("Content-Type", "application/json").sendBuffer(body.toBuffer()));
  }

  private static JsonObject slo(String name) {
    return new JsonObject("""
        {"name": "%s", "service": "checkout", "target": 0.999,
         "sli": {"ratio": {"bad": "requests{status=~\\"5..\\"}", "total": "requests"}},
         "window": {"rolling": "30d"}}""".formatted(name));
  }

  @Test
  void creatingMoreSlosOrComponentsThanTheLimitIsRefusedNamingTheSetting() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of(), c -> {
      c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":admin"));
      c.override("slo", "max-slos", 2);
      c.override("components", "max-components", 1);
      c.setList("slos", new JsonArray().add(slo("from-file")));
    })) {
      assertThat(admin(s, HttpMethod.POST, "/api/v1/config/slo", slo("one")).statusCode()).isEqualTo(201);
      HttpResponse<Buffer> third = admin(s, HttpMethod.POST, "/api/v1/config/slo", slo("two"));
      assertThat(third.statusCode()).isEqualTo(409);
      assertThat(third.getHeader("content-type")).startsWith("application/problem+json");
      JsonObject p = third.bodyAsJsonObject();
      assertThat(p.getString("type")).endsWith("/config-limit");
      assertThat(p.getString("detail")).contains("slo.max-slos").contains("limit is 2");
      assertThat(admin(s, HttpMethod.GET, "/api/v1/config/slo/two", null).statusCode()).isEqualTo(404);
      // replacing an existing one is not a new object
      assertThat(admin(s, HttpMethod.PUT, "/api/v1/config/slo/one", slo("one").put("target", 0.99)).statusCode())
          .isEqualTo(200);

      JsonObject component = new JsonObject().put("id", "shop").put("name", "Shop").put("services",
          new JsonArray().add("checkout"));
      assertThat(admin(s, HttpMethod.POST, "/api/v1/config/component", component).statusCode()).isEqualTo(201);
      HttpResponse<Buffer> more = admin(s, HttpMethod.POST, "/api/v1/config/component",
          component.copy().put("id", "cart"));
      assertThat(more.statusCode()).isEqualTo(409);
      assertThat(more.bodyAsJsonObject().getString("detail")).contains("components.max-components");
    }
  }

  @Test
  void anAuditPageLargerThanTheLimitIsRefusedNamingTheLimit() {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-29T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of(), c ->
        c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":admin")))) {
      HttpResponse<Buffer> r = admin(s, HttpMethod.GET, "/api/v1/config/audit?limit=501", null);
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.getHeader("content-type")).startsWith("application/problem+json");
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("limit must be from 1 to 500");
      assertThat(admin(s, HttpMethod.GET, "/api/v1/config/audit?limit=500", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aFileWithMoreSlosThanTheLimitOrABadLimitStopsStartUpNamingTheKey() {
    GlasshouseConfig tooMany = GlasshouseConfig.load(null, Map.of());
    tooMany.override("slo", "max-slos", 1);
    tooMany.setList("slos", new JsonArray().add(slo("a")).add(slo("b")));
    assertThatThrownBy(() -> SloSettings.fromConfig(tooMany)).hasMessageContaining("slo.max-slos");
    GlasshouseConfig bad = GlasshouseConfig.load(null, Map.of());
    bad.override("components", "max-components", "many");
    assertThatThrownBy(() -> ConfigLimits.of(bad, SloSettings.fromConfig(bad)))
        .hasMessageContaining("components.max-components");
  }
}
