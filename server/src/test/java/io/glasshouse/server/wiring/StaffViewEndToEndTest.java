package io.glasshouse.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff view as the server mounts it: behind a login even with the read API open; a read token signs in. */
class StaffViewEndToEndTest {
  @TempDir
  Path dir;
  InProcessServer s;
  WebClient client;

  @BeforeEach
  void start() {
    s = InProcessServer.start(new ManualClock(Instant.parse("2026-11-27T12:00:00Z")), dir, Map.of(), c -> {
      c.override("server", "open-read", true);
      c.override("server", "tokens", new JsonArray()
          .add(new JsonObject().put("name", "fleet").put("token", "fleet-secret").put("scopes", new JsonArray().add("ingest")))
          .add(new JsonObject().put("name", "dash").put("token", "dash-secret").put("scopes", new JsonArray().add("read"))));
      c.override("staff", "session-ttl", "1h");
    });
    client = WebClient.create(s.clientVertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterEach
  void stop() {
    client.close();
    s.close();
  }

  private HttpResponse<Buffer> login(String token) {
    return Await.result(client.postAbs(s.url("/staff/login"))
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("token", token)));
  }

  @Test
  void aReadTokenSignsInAndAnIngestTokenDoesNot() {
    HttpResponse<Buffer> anonymous = Await.result(client.getAbs(s.url("/staff")).send());
    assertThat(anonymous.statusCode()).isEqualTo(303);
    assertThat(anonymous.getHeader("Location")).isEqualTo("/staff/login");

    assertThat(login("fleet-secret").statusCode()).isEqualTo(401);
    HttpResponse<Buffer> ok = login("dash-secret");
    assertThat(ok.statusCode()).isEqualTo(303);
    String cookie = ok.getHeader("Set-Cookie");
    assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/staff")
        .contains("Max-Age=3600").doesNotContain("dash-secret");
    HttpResponse<Buffer> page = Await.result(client.getAbs(s.url("/staff"))
        .putHeader("Cookie", cookie.substring(0, cookie.indexOf(';'))).send());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("Staff overview").contains("Signed in with token <strong>dash</strong>");
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'");
  }

  @Test
  void aBadStaffSettingNamesItsKey() {
    GlasshouseConfig config = GlasshouseConfig.load(null, Map.of());
    config.override("staff", "max-sessions", 0);
    assertThatThrownBy(() -> StaffWiring.options(config)).hasMessageStartingWith("staff.max-sessions");
  }
}
