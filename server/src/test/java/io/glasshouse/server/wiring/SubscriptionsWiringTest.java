package io.glasshouse.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole server serves the feeds and the subscription endpoints and keeps subscriptions across a restart. */
class SubscriptionsWiringTest {
  static final String ADMIN = "ops-secret-1";

  @Test
  void feedsAndSubscriptionsAreServedAndSurviveARestart(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of(), c -> {
      c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":read+admin"));
      c.override("subscriptions", "public-url", "https://status.example.com");
    })) {
      HttpResponse<Buffer> atom = Await.result(s.client.getAbs(s.url("/history.atom")).send());
      assertThat(atom.statusCode()).isEqualTo(200);
      assertThat(atom.bodyAsString()).contains("<link rel=\"self\" type=\"application/atom+xml\" "
          + "href=\"https://status.example.com/history.atom\"");
      assertThat(Await.result(s.client.getAbs(s.url("/history.rss")).send()).statusCode()).isEqualTo(200);

      HttpResponse<Buffer> refused = Await.result(s.client.postAbs(s.url("/api/v1/subscriptions"))
          .sendJsonObject(new JsonObject().put("url", "http://127.0.0.1:" + s.port + "/api/v1/config")));
      assertThat(refused.statusCode()).as("SSRF at the server itself").isEqualTo(400);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("loopback");

      HttpResponse<Buffer> created = Await.result(s.client.postAbs(s.url("/api/v1/subscriptions"))
          .sendJsonObject(new JsonObject().put("url", "https://93.184.216.34/hook")));
      assertThat(created.statusCode()).isEqualTo(201);
      String id = created.bodyAsJsonObject().getString("id");
      assertThat(Files.exists(dir.resolve("subscriptions.db"))).isTrue();

      s.restart();
      HttpResponse<Buffer> list = Await.result(s.client.getAbs(s.url("/api/v1/subscriptions"))
          .bearerTokenAuthentication(ADMIN).send());
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.bodyAsJsonObject().getJsonArray("subscriptions").getJsonObject(0).getString("id"))
          .isEqualTo(id);
    }
  }

  @Test
  void aBadSubscriptionsKeyStopsStartUpNamingIt(@TempDir Path dir) {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    assertThatThrownBy(() -> InProcessServer.start(clock, dir, Map.of(),
        c -> c.override("subscriptions", "max-attempts", "many")))
        .hasStackTraceContaining("subscriptions.max-attempts");
  }
}
