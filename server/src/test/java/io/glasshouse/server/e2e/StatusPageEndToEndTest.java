package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole server with a {@code status-page:} section: {@code /} redirects to the public page, which shows the
 * branding and the public components only, and the live-update stream is served uncompressed even to clients that
 * accept gzip (a compressed stream would be held back in the compressor).
 */
class StatusPageEndToEndTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  @RegisterExtension
  final TestServer gh = new TestServer(clock);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

  private GlasshouseConfig config() {
    GlasshouseConfig c = gh.config();
    c.override("server", "event-loops", 2);
    c.override("components", "items", new JsonArray(List.of(TestServer.component("checkout", "Checkout", "checkout"),
        TestServer.component("billing", "Billing ledger", "billing-svc").put("public", false))));
    c.override("status-page", "name", "Acme status");
    c.override("status-page", "time-zone", "Europe/Berlin");
    c.override("status-page", "root-redirect", true);
    return c;
  }

  private HttpResponse<String> get(String path, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(gh.base() + path)).header("Accept", accept)
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rootRedirectsToThePublicPageWhichShowsBrandingAndPublicComponentsOnly() throws Exception {
    gh.start(config());
    HttpResponse<String> root = get("/", "text/html,application/xhtml+xml");
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).hasValue("/status");
    assertThat(get("/", "application/json").body()).contains("\"links\"");

    HttpResponse<String> page = get("/status", "text/html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    assertThat(page.body()).contains("Acme status").contains("Checkout").contains("CET")
        .doesNotContain("Billing").doesNotContain("billing");
    assertThat(get("/status/history", "text/html").statusCode()).isEqualTo(200);
    assertThat(get("/status/incidents/nope", "text/html").statusCode()).isEqualTo(404);
    assertThat(get("/assets/status.js", "*/*").statusCode()).isEqualTo(200);
    assertThat(get("/assets/status.css", "*/*").statusCode()).isEqualTo(200);
  }

  @Test
  void eventStreamIsNotCompressedAndAnnouncesItself() throws Exception {
    gh.start(config());
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(
        URI.create(gh.base() + "/status/events")).header("Accept-Encoding", "gzip").build(),
        HttpResponse.BodyHandlers.ofLines());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
    assertThat(r.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo("identity");
    Thread reader = new Thread(() -> r.body().forEach(lines::add));
    reader.setDaemon(true);
    reader.start();
    String line;
    do {
      line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("a line within 20 s").isNotNull();
    } while (!line.equals(": connected"));
  }

  @Test
  void aBadStatusPageKeyStopsStartUpNamingIt() throws Exception {
    GlasshouseConfig c = config();
    c.override("status-page", "time-zone", "Mars/Olympus");
    Throwable failure = Glasshouse.start(c, false, clock).toCompletionStage().toCompletableFuture()
        .handle((ok, err) -> err).get(30, TimeUnit.SECONDS);
    assertThat(failure).hasMessageContaining("status-page.time-zone");
    GlasshouseConfig d = config();
    d.override("status-page", "colour", "red");
    failure = Glasshouse.start(d, false, clock).toCompletionStage().toCompletableFuture()
        .handle((ok, err) -> err).get(30, TimeUnit.SECONDS);
    assertThat(failure).hasMessageContaining("status-page.colour");
  }
}
