package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6 (shutdown): on SIGTERM {@code /health/ready} turns 503 at once, yet for {@code server.drain-delay} the
 * server still answers every request, on new connections too (load balancers keep sending for a while after
 * readiness fails; a refused connection there was the defect). Then the listener closes, a request already in
 * flight is finished and answered, and everything answered 2xx is there after a restart. The delay runs on the
 * server's manual clock, which the test drives.
 */
class ShutdownDrainTest {
  @TempDir
  Path dir;

  private static Buffer batch(String instance, long now) {
    return new JsonObject().put("service", "api").put("instance", instance).put("samples", new JsonArray()
            .add(new JsonObject().put("metric", "jobs").put("type", "delta_counter").put("value", 1)
                .put("timestamp", now)))
        .toBuffer();
  }

  private static int status(InProcessServer s, String path) {
    try {
      return Await.result(s.client.getAbs(s.url(path)).send()).statusCode();
    } catch (AssertionError e) {
      return -1;
    }
  }

  private static boolean refusesConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void requestsDuringTheDrainDelayAreAnsweredAndInFlightOnesFinishDurably() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    long now = clock.millis();
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of(), Map.of("drain-delay", "10s"))) {
      assertThat(Await.result(s.client.postAbs(s.url("/api/v1/ingest")).putHeader("Content-Type", "application/json")
          .sendBuffer(batch("before", now))).statusCode()).isEqualTo(200);

      // A request in flight across the whole shutdown: headers and half of its body now, the rest at the end.
      HttpClient raw = s.clientVertx.createHttpClient();
      HttpClientRequest inFlight = Await.result(raw.request(new RequestOptions().setMethod(HttpMethod.POST)
          .setHost("127.0.0.1").setPort(s.port).setURI("/api/v1/ingest")
          .putHeader("Content-Type", "application/json")));
      Buffer body = batch("in-flight", now);
      int half = body.length() / 2;
      inFlight.setChunked(true);
      Await.result(inFlight.write(body.getBuffer(0, half)));
      CompletableFuture<HttpClientResponse> inFlightAnswer = inFlight.response().toCompletionStage()
          .toCompletableFuture();

      CompletableFuture<Void> stopped = s.stopInBackground();
      Await.until("/health/ready to answer 503", () -> status(s, "/health/ready") == 503, Duration.ofSeconds(30));

      // A new connection during the drain delay: served, not refused.
      WebClient fresh = WebClient.create(s.clientVertx, new WebClientOptions().setKeepAlive(false));
      HttpResponse<Buffer> during = Await.result(fresh.postAbs(s.url("/api/v1/ingest"))
          .putHeader("Content-Type", "application/json").sendBuffer(batch("during-drain", now)));
      assertThat(during.statusCode()).as(during.bodyAsString()).isEqualTo(200);
      assertThat(stopped).as("the stop waits for the drain delay on the server's clock").isNotDone();
      fresh.close();

      clock.add(Duration.ofSeconds(10));
      Await.until("the listener to close after the drain delay", () -> refusesConnections(s.port),
          Duration.ofSeconds(30));
      assertThat(stopped).as("an in-flight request holds the stop").isNotDone();
      Await.result(inFlight.end(body.getBuffer(half, body.length())));
      assertThat(inFlightAnswer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      stopped.get(60, TimeUnit.SECONDS);
      Await.result(raw.close());

      s.startAgain();
      assertThat(s.read.value("api", "jobs", s.now(), "increase"))
          .as("before, during the drain, and in flight: all three answered 200, all three durable").isEqualTo(3.0);
    }
  }
}
