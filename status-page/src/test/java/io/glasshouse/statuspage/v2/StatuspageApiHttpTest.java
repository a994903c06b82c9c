package io.glasshouse.statuspage.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Over real HTTP, on a server with Vert.x compression switched on as in production: encodings round-trip, ETag and
 * Last-Modified revalidate to 304, a change gives a new ETag, CORS is open, HEAD has no body.
 */
@ExtendWith(VertxExtension.class)
class StatuspageApiHttpTest {
  private static final String SUMMARY = "/api/v2/summary.json";
  private final ManualClock clock = new ManualClock(Scenes.NOW);
  private final AtomicReference<StatusSnapshot> snapshot =
      new AtomicReference<>(Scenes.snapshot(Scenes.State.OPERATIONAL));
  private final InMemoryIncidentLog incidents = InMemoryIncidentLog.of(Scenes.incidents(Scenes.State.OPERATIONAL));
  private PublishedStatus published;
  private HttpServer server;
  private HttpClient client;

  record Answer(int status, Map<String, String> headers, byte[] body) {
    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  @BeforeEach
  void start(Vertx vertx) {
    published = new PublishedStatus(snapshot::get, incidents, Branding.defaults(), clock);
    await(published.start(vertx));
    Router router = Router.router(vertx);
    StatuspageApi.mount(router, published);
    router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("fell through"));
    server = await(vertx.createHttpServer(new HttpServerOptions().setPort(0).setCompressionSupported(true))
        .requestHandler(router).listen());
    client = vertx.createHttpClient(new HttpClientOptions().setDecompressionSupported(false));
  }

  @AfterEach
  void stop() {
    await(client.close());
    await(server.close());
  }

  private Answer call(HttpMethod method, String path, String... headers) {
    RequestOptions o = new RequestOptions().setMethod(method).setPort(server.actualPort()).setHost("127.0.0.1")
        .setURI(path);
    for (int i = 0; i < headers.length; i += 2) {
      o.putHeader(headers[i], headers[i + 1]);
    }
    return await(client.request(o).compose(r -> r.send().compose((HttpClientResponse res) -> res.body()
        .map((Buffer b) -> {
          Map<String, String> h = new java.util.HashMap<>();
          res.headers().forEach(e -> h.put(e.getKey().toLowerCase(), e.getValue()));
          return new Answer(res.statusCode(), h, b.getBytes());
        }))));
  }

  @Test
  void gzipAndBrotliRoundTripToTheSameBytes() throws IOException {
    Answer plain = call(HttpMethod.GET, SUMMARY);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.header("content-encoding")).isIn(null, "identity");
    assertThat(plain.header("content-type")).isEqualTo("application/json; charset=utf-8");
    assertThat(plain.header("vary")).isEqualTo("Accept-Encoding");
    assertThat(plain.header("cache-control")).isEqualTo("public, max-age=10");

    Answer gz = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip");
    assertThat(gz.header("content-encoding")).isEqualTo("gzip");
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz.body())).readAllBytes()).isEqualTo(plain.body());
    assertThat(gz.header("etag")).isNotEqualTo(plain.header("etag"));

    assertThat(Encodings.brotli()).as("brotli4j's native library loads here").isTrue();
    Answer br = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip, deflate, br");
    assertThat(br.header("content-encoding")).isEqualTo("br");
    DirectDecompress d = Decoder.decompress(br.body());
    assertThat(d.getResultStatus()).isEqualTo(DecoderJNI.Status.DONE);
    assertThat(d.getDecompressedData()).isEqualTo(plain.body());
    assertThat(br.body().length).isLessThan(plain.body().length);

    Answer refused = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "br;q=0, gzip;q=0");
    assertThat(refused.body()).isEqualTo(plain.body());
  }

  @Test
  void revalidationAnswers304UntilTheContentChanges() {
    Answer first = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip");
    String etag = first.header("etag");
    String lastModified = first.header("last-modified");
    assertThat(etag).matches("\"[0-9a-f]{24}-gzip\"");
    assertThat(lastModified).isEqualTo("Fri, 1 May 2026 12:00:00 GMT");

    Answer byTag = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip", "If-None-Match", etag);
    assertThat(byTag.status()).isEqualTo(304);
    assertThat(byTag.body()).isEmpty();
    assertThat(byTag.header("etag")).isEqualTo(etag);
    Answer byDate = call(HttpMethod.GET, SUMMARY, "If-Modified-Since", lastModified);
    assertThat(byDate.status()).isEqualTo(304);

    // a new evaluation with the same statuses changes nothing a client sees: same ETag, still 304
    snapshot.set(Scenes.snapshot(Scenes.State.OPERATIONAL));
    clock.add(Duration.ofMinutes(1));
    assertThat(published.refresh()).isTrue();
    assertThat(call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip", "If-None-Match", etag).status())
        .isEqualTo(304);

    // an incident is published: the answers are rebuilt at once (no timer), new bytes, new ETag and Last-Modified
    clock.add(Duration.ofMinutes(1));
    incidents.publish(Scenes.openIncident());
    until("the rebuilt summary", () ->
        call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip", "If-None-Match", etag).status() == 200);
    Answer changed = call(HttpMethod.GET, SUMMARY, "Accept-Encoding", "gzip", "If-None-Match", etag);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("etag")).isNotEqualTo(etag);
    assertThat(changed.header("last-modified")).isEqualTo("Fri, 1 May 2026 12:02:00 GMT");
    assertThat(call(HttpMethod.GET, SUMMARY, "If-Modified-Since", lastModified).status()).isEqualTo(200);
  }

  @Test
  void corsIsOpenForGetHeadAndPreflight() {
    Answer get = call(HttpMethod.GET, "/api/v2/status.json", "Origin", "https://example.org");
    assertThat(get.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(get.header("access-control-expose-headers")).contains("ETag");
    Answer preflight = call(HttpMethod.OPTIONS, "/api/v2/status.json", "Origin", "https://example.org",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(preflight.header("access-control-allow-methods")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(preflight.header("access-control-allow-headers")).containsIgnoringCase("If-None-Match");
    Answer head = call(HttpMethod.HEAD, "/api/v2/status.json");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(head.header("etag")).isEqualTo(get.header("etag"));
  }

  @Test
  void unknownPathsAndPrivateBadgesFallThrough() {
    assertThat(call(HttpMethod.GET, "/api/v2/nothing.json").status()).isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/badges/components/" + Scenes.PRIVATE_ID + "/status.svg").status())
        .isEqualTo(404);
    Answer svg = call(HttpMethod.GET, "/badges/components/api/status.svg");
    assertThat(svg.status()).isEqualTo(200);
    assertThat(svg.header("content-type")).isEqualTo("image/svg+xml; charset=utf-8");
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls until {@code condition} holds (at most 30 s). */
  static void until(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }
}
