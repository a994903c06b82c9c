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

/** The endpoints operators and newcomers hit first: the index, health checks, the server's own metrics. */
class OperationalEndpointsTest {
  @TempDir
  Path dir;

  private HttpResponse<Buffer> get(InProcessServer s, String path) {
    return Await.result(s.client.getAbs(s.url(path)).send());
  }

  @Test
  void indexHealthAndOwnMetricsAnswer() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of())) {
      JsonObject index = get(s, "/").bodyAsJsonObject();
      assertThat(index.getJsonObject("links").getString("readApi")).isEqualTo("/openapi.yaml");
      assertThat(get(s, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<Buffer> ready = get(s, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");

      HttpResponse<Buffer> ingest = Await.result(s.client.postAbs(s.url("/api/v1/ingest"))
          .putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer("{\"service\":\"api\",\"instance\":\"i-1\",\"samples\":"
              + "[{\"metric\":\"jobs\",\"type\":\"delta_counter\",\"value\":2}]}")));
      assertThat(ingest.statusCode()).isEqualTo(200);

      HttpResponse<Buffer> metrics = get(s, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.getHeader("Content-Type")).startsWith("text/plain");
      assertThat(metrics.bodyAsString())
          .contains("glasshouse_ingest_samples_accepted_total{protocol=\"json\"} 1.0")
          .contains("glasshouse_journal_commit_seconds_count")
          .contains("glasshouse_ingest_queue_samples")
          .contains("glasshouse_rollup_series")
          .contains("jvm_memory_used_bytes");

      HttpResponse<Buffer> unknown = get(s, "/no/such/path");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(unknown.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("/openapi.yaml");
    }
  }

  /** A newcomer follows the index's links: every page it names exists (some want a token first). */
  @Test
  void everyPageTheIndexLinksToExists() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of())) {
      JsonObject links = get(s, "/").bodyAsJsonObject().getJsonObject("links");
      assertThat(links.fieldNames()).contains("statusPage", "statuspageApi", "feed", "staff");
      for (String key : links.fieldNames()) {
        if (!(links.getValue(key) instanceof String path)) {
          continue; // the ingest endpoints, which take POSTs
        }
        int status = get(s, path).statusCode();
        assertThat(status).as("GET %s (%s)", path, key).isNotIn(404, 405, 500);
      }
    }
  }

  @Test
  void indexIsAPageForBrowsersAndJsonForProgramsAndTheApiHasAViewer() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of())) {
      HttpResponse<Buffer> page = Await.result(s.client.getAbs(s.url("/"))
          .putHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").send());
      assertThat(page.getHeader("Content-Type")).startsWith("text/html");
      assertThat(page.getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
      assertThat(page.bodyAsString()).contains("<a href=\"/api/docs\">").contains("<a href=\"/api/v1/services\">")
          .contains("<a href=\"/v1/metrics\">").doesNotContain("<script");

      HttpResponse<Buffer> forPrograms = Await.result(s.client.getAbs(s.url("/")).putHeader("Accept", "*/*").send());
      assertThat(forPrograms.getHeader("Content-Type")).startsWith("application/json");
      assertThat(forPrograms.bodyAsJsonObject().getJsonObject("links").getString("apiDocs")).isEqualTo("/api/docs");

      HttpResponse<Buffer> yaml = get(s, "/openapi.yaml");
      assertThat(yaml.getHeader("Content-Type")).isEqualTo("text/yaml; charset=utf-8");
      assertThat(yaml.getHeader("Content-Disposition")).startsWith("inline");

      HttpResponse<Buffer> viewer = get(s, "/api/docs");
      assertThat(viewer.getHeader("Content-Type")).startsWith("text/html");
      assertThat(viewer.bodyAsString()).contains("/api/docs/assets/swagger-ui-bundle.js");
      HttpResponse<Buffer> bundle = get(s, "/api/docs/assets/swagger-ui-bundle.js");
      assertThat(bundle.statusCode()).isEqualTo(200);
      assertThat(bundle.getHeader("Content-Type")).contains("javascript");
      assertThat(bundle.bodyAsString()).contains("SwaggerUIBundle");
    }
  }
}
