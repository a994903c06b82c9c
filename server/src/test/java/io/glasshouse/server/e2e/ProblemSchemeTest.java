package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8 (one way to do each thing): every route of the server answers a refusal with the same problem+json
 * shape and the same {@code type} scheme, {@code /problems/<slug>}: the collector (it used
 * {@code urn:glasshouse:problem:…}), the read API, the capacity routes and the server's own 404 (it used
 * {@code about:blank}).
 */
class ProblemSchemeTest {
  @TempDir
  Path dir;

  private static JsonObject problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getInteger("status")).isEqualTo(status);
    assertThat(p.getString("title")).isNotBlank();
    assertThat(p.getString("detail")).isNotBlank();
    return p;
  }

  @Test
  void everyRouteWritesTheSameProblemShapeAndTypeScheme() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of())) {
      JsonObject notFound = problem(Await.result(s.client.getAbs(s.url("/no/such/path")).send()), 404);
      JsonObject ingest = problem(Await.result(s.client.postAbs(s.url("/api/v1/ingest"))
          .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{not json"))), 400);
      JsonObject read = problem(Await.result(s.client.getAbs(s.url("/api/v1/services/none/metrics/m/query"))
          .send()), 400);
      JsonObject capacity = problem(Await.result(s.client.getAbs(s.url("/reports/capacity")).send()), 403);

      assertThat(notFound.getString("type")).isEqualTo("/problems/not-found");
      assertThat(ingest.getString("type")).isEqualTo("/problems/undecodable-body");
      assertThat(read.getString("type")).isEqualTo("/problems/bad-parameter");
      assertThat(capacity.getString("type")).isEqualTo("/problems/access-disabled");
    }
  }
}
