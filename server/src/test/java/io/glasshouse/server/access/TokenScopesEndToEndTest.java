package io.glasshouse.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
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

/** One token check with scopes, everywhere: ingest, the read API, /api/v1/capacity and the staff reports. */
class TokenScopesEndToEndTest {
  static final String BATCH = "{\"service\":\"api\",\"instance\":\"i-1\",\"samples\":"
      + "[{\"metric\":\"jobs\",\"type\":\"delta_counter\",\"value\":2}]}";

  @TempDir
  Path dir;
  InProcessServer s;

  @BeforeEach
  void start() {
    s = InProcessServer.start(new ManualClock(Instant.parse("2026-11-27T12:00:00Z")), dir, Map.of(), c -> {
      c.override("server", "open-read", false);
      c.override("server", "tokens", new JsonArray()
          .add(new JsonObject().put("name", "fleet").put("token", "fleet-secret").put("scopes", new JsonArray().add("ingest")))
          .add(new JsonObject().put("name", "dash").put("token", "dash-secret").put("scopes", new JsonArray().add("read")))
          .add("ops:ops-secret:admin"));
    });
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private HttpResponse<Buffer> get(String path, String token) {
    HttpRequest<Buffer> r = s.client.getAbs(s.url(path));
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(r.send());
  }

  private HttpResponse<Buffer> ingest(String token) {
    HttpRequest<Buffer> r = s.client.postAbs(s.url("/api/v1/ingest")).putHeader("Content-Type", "application/json");
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    return Await.result(r.sendBuffer(Buffer.buffer(BATCH)));
  }

  @Test
  void ingestNeedsTheIngestScope() {
    assertThat(ingest(null).statusCode()).isEqualTo(401);
    assertThat(ingest("dash-secret").statusCode()).isEqualTo(401);
    assertThat(ingest("ops-secret").statusCode()).isEqualTo(401);
    assertThat(ingest("fleet-secret").statusCode()).isEqualTo(200);
  }

  @Test
  void theReadApiAndCapacityNeedTheReadScopeUnlessOpened() {
    for (String path : new String[] {"/api/v1/services", "/api/v1/capacity", "/api/v1/services/api/instances"}) {
      HttpResponse<Buffer> none = get(path, null);
      assertThat(none.statusCode()).as(path).isEqualTo(401);
      assertThat(none.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(none.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(get(path, "fleet-secret").statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "ops-secret").statusCode()).as(path).isEqualTo(401);
      assertThat(get(path, "dash-secret").statusCode()).as(path).isIn(200, 404, 503);
    }
    assertThat(get("/api/v1/services", "dash-secret").bodyAsJsonObject().containsKey("services")).isTrue();
    assertThat(get("/openapi.yaml", null).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongTokenAndTokenWithoutTheScopeGetTheSameAnswerWithoutTheSecret() {
    HttpResponse<Buffer> unknown = get("/api/v1/services", "no-such-token");
    HttpResponse<Buffer> lacking = get("/api/v1/services", "fleet-secret");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.bodyAsString()).isEqualTo(lacking.bodyAsString());
    assertThat(unknown.bodyAsString()).doesNotContain("no-such-token").doesNotContain("fleet");
  }

  @Test
  void staffReportsNeedTheReadScopeEvenWhenTheReadApiIsOpen() throws Exception {
    s.close();
    s = InProcessServer.start(new ManualClock(Instant.parse("2026-11-27T12:00:00Z")), dir, Map.of(),
        c -> c.override("server", "tokens", new JsonArray().add("dash:dash-secret:read")));
    assertThat(get("/api/v1/services", null).statusCode()).isEqualTo(200);
    assertThat(get("/reports/capacity.json", null).statusCode()).isEqualTo(401);
    assertThat(get("/reports/capacity.json?token=dash-secret", null).statusCode()).isIn(200, 503);
  }
}
