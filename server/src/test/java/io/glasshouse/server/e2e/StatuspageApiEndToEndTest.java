package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole server answers the Statuspage-compatible API anonymously (even without open-read) from the
 * {@code status-page:} branding and the evaluated components, never showing a private one; gzip comes through the
 * server's own compression settings unchanged; a status change reaches the answer without a request triggering it.
 */
class StatuspageApiEndToEndTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  @RegisterExtension
  final TestServer gh = new TestServer(clock, new WebClientOptions().setDecompressionSupported(false));
  private Glasshouse server;

  private HttpResponse<Buffer> get(String path, String... headers) {
    var req = gh.client().get(gh.port(), "127.0.0.1", path);
    for (int i = 0; i < headers.length; i += 2) {
      req.putHeader(headers[i], headers[i + 1]);
    }
    return Await.result(req.send());
  }

  @Test
  void publicStatuspageAnswersFromBrandingAndComponentsWithoutPrivateOnes() throws Exception {
    GlasshouseConfig c = gh.config();
    c.override("server", "event-loops", 2);
    c.override("server", "staff-tokens", new JsonArray().add("e2e-staff-token"));
    c.override("status-page", "name", "Acme status");
    c.override("status-page", "url", "https://status.acme.test");
    c.override("status-page", "time-zone", "Europe/Berlin");
    c.override("components", "items", new JsonArray(List.of(
        new JsonObject().put("id", "checkout").put("name", "Checkout").put("group", "Shop")
            .put("services", new JsonArray().add("checkout")),
        new JsonObject().put("id", "ledger").put("name", "Ledger Secret").put("public", false)
            .put("services", new JsonArray().add("ledger")))));
    server = gh.start(c);

    // nothing reports: checkout has no live instance, a major outage, once evaluated past the grace
    clock.add(Duration.ofMinutes(6));
    Await.result(server.componentStatus().evaluate());
    Await.until("the major outage in summary.json", () -> get("/api/v2/summary.json").bodyAsString()
        .contains("major_outage"), Duration.ofSeconds(30));

    HttpResponse<Buffer> summary = get("/api/v2/summary.json");
    assertThat(summary.statusCode()).isEqualTo(200);
    assertThat(summary.getHeader("Access-Control-Allow-Origin")).isEqualTo("*");
    JsonObject doc = summary.bodyAsJsonObject();
    assertThat(doc.getJsonObject("page").getString("name")).isEqualTo("Acme status");
    assertThat(doc.getJsonObject("page").getString("time_zone")).isEqualTo("Europe/Berlin");
    assertThat(doc.getJsonObject("status").getString("indicator")).isEqualTo("critical");
    assertThat(doc.getJsonArray("components").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly("group-shop", "checkout");
    for (String path : List.of("/api/v2/summary.json", "/api/v2/components.json", "/api/v2/status.json",
        "/badges/status.svg", "/badges/uptime-90d.json")) {
      assertThat(get(path).bodyAsString()).as(path).doesNotContain("ledger").doesNotContain("Ledger Secret");
    }
    assertThat(get("/badges/components/ledger/status.svg").statusCode()).isEqualTo(404);

    HttpResponse<Buffer> gz = get("/api/v2/summary.json", "Accept-Encoding", "gzip");
    assertThat(gz.getHeader("Content-Encoding")).isEqualTo("gzip");
    String unzipped = new String(new GZIPInputStream(new ByteArrayInputStream(gz.body().getBytes())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(unzipped).isEqualTo(summary.bodyAsString());
    assertThat(get("/api/v2/summary.json", "If-None-Match", gz.getHeader("ETag")).statusCode()).isEqualTo(304);
  }
}
