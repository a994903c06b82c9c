package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole server with a {@code components:} section and no SLOs: liveness from the instance registry drives
 * the status ("no live instance → major outage"), recovery waits out the hysteresis, staff override it, and the
 * history survives a restart.
 */
class ComponentStatusEndToEndTest {
  private static final String TOKEN = "e2e-staff-token";
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  @RegisterExtension
  final TestServer gh = new TestServer(clock);
  private Glasshouse server;

  private Glasshouse start() {
    GlasshouseConfig c = gh.config();
    c.override("server", "event-loops", 1);
    c.override("server", "staff-tokens", new JsonArray().add(TOKEN));
    c.override("server", "open-read", true); // the status reads below go without a token; changes need one
    c.override("components", "items", new JsonArray(List.of(TestServer.component("checkout", "Checkout", "checkout"),
        TestServer.component("search", "Search", "search"))));
    return gh.start(c);
  }

  private void ingest(String service) {
    HttpResponse<Buffer> r = Await.result(gh.client().post(gh.port(), "127.0.0.1", "/api/v1/ingest")
        .putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("service", service).put("instance", service + "-1")
            .put("samples", new JsonArray().add(new JsonObject().put("metric", "up").put("type", "gauge")
                .put("value", 1).put("timestamp", clock.millis()))).encode())));
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private JsonObject component(String id) {
    Await.result(server.componentStatus().evaluate());
    HttpResponse<Buffer> r = Await.result(gh.client().get(gh.port(), "127.0.0.1", "/api/v1/components/" + id).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** Both services report every minute for {@code minutes}, the status evaluated after each. */
  private void healthyFor(int minutes) {
    for (int i = 0; i < minutes; i++) {
      clock.add(Duration.ofMinutes(1));
      ingest("checkout");
      ingest("search");
      Await.result(server.componentStatus().evaluate());
    }
  }

  @Test
  void noLiveInstanceIsAMajorOutageThatRecoversAfterTheHysteresisAndCanBeOverridden() throws Exception {
    server = start();
    healthyFor(6); // past the liveness grace (5m)
    assertThat(component("checkout").getString("status")).isEqualTo("operational");

    // checkout's only instance stops reporting; search keeps going
    for (int i = 0; i < 6; i++) {
      clock.add(Duration.ofMinutes(1));
      ingest("search");
      Await.result(server.componentStatus().evaluate());
    }
    JsonObject down = component("checkout");
    assertThat(down.getString("status")).isEqualTo("major_outage");
    assertThat(down.getString("rule")).isEqualTo("no_live_instance");
    assertThat(down.getJsonObject("reason").getString("service")).isEqualTo("checkout");
    assertThat(component("search").getString("status")).isEqualTo("operational");

    // back: held for ten minutes, then operational
    healthyFor(1);
    JsonObject held = component("checkout");
    assertThat(held.getString("status")).isEqualTo("major_outage");
    assertThat(held.getString("derived")).isEqualTo("operational");
    assertThat(held.getString("improvesAt")).isNotNull();
    healthyFor(10);
    assertThat(component("checkout").getString("status")).isEqualTo("operational");

    // staff override
    HttpResponse<Buffer> set = Await.result(gh.client().post(gh.port(), "127.0.0.1", "/api/v1/components/search/override")
        .bearerTokenAuthentication(TOKEN).sendJsonObject(new JsonObject().put("status", "degraded_performance")
            .put("reason", "slow search reported").put("expiresIn", "1h")));
    assertThat(set.statusCode()).as(set.bodyAsString()).isEqualTo(200);
    assertThat(component("search").getString("status")).isEqualTo("degraded_performance");

    // the day's minutes survive a restart
    gh.stop();
    server = start();
    HttpResponse<Buffer> h = Await.result(gh.client().get(gh.port(), "127.0.0.1", "/api/v1/components/checkout/history?days=1")
        .send());
    JsonObject today = h.bodyAsJsonObject().getJsonArray("days").getJsonObject(0);
    assertThat(today.getJsonObject("minutes").getLong("major_outage")).isGreaterThanOrEqualTo(10);
    assertThat(today.getJsonObject("minutes").getLong("operational")).isGreaterThanOrEqualTo(10);
    assertThat(component("search").getString("status")).isEqualTo("degraded_performance");
  }
}
