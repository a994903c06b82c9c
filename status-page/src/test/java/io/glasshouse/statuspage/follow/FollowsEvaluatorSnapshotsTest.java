package io.glasshouse.statuspage.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ServiceLiveness;
import io.glasshouse.rollup.status.StatusConfig;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.store.sqlite.SqliteStatusStore;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.page.LiveUpdates;
import io.glasshouse.statuspage.page.PublicPage;
import io.glasshouse.statuspage.v2.PublishedStatus;
import io.glasshouse.statuspage.v2.StatuspageApi;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/v2 and the page's event stream follow the status evaluator's snapshots ({@code StatusEvaluator.onSnapshot}):
 * a new evaluation reaches both at once, with no timer of their own (the clock is manual and never moves, the
 * evaluator is not periodic and the heartbeat is an hour away).
 */
class FollowsEvaluatorSnapshotsTest {
  private static final List<ComponentDefinition> COMPONENTS = List.of(new ComponentDefinition("checkout", "Checkout",
      "", "APIs", 1, true, List.of("checkout"), List.of()));

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private LiveUpdates live;

  @AfterEach
  void stop() {
    if (live != null) {
      live.close();
    }
    await(vertx.close());
  }

  @Test
  void aNewSnapshotReachesApiV2AndTheEventStreamWithoutATimerTick(@TempDir Path dir) throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-05-01T12:00:00Z"));
    AtomicReference<StatusInputs> inputs = new AtomicReference<>(liveInstances(2));
    SqliteStatusStore store = SqliteStatusStore.create(vertx, dir);
    await(store.open());
    StatusEvaluator evaluator = await(StatusEvaluator.start(vertx, StatusConfig.defaults(COMPONENTS),
        () -> COMPONENTS, () -> Future.succeededFuture(inputs.get()), store, store, clock, false));
    PublishedStatus published = new PublishedStatus(evaluator::latest, IncidentLog.none(), Branding.defaults(), clock)
        .follow(evaluator);
    await(published.start(vertx));
    live = LiveUpdates.start(vertx, evaluator::latest, IncidentLog.none(), Duration.ofHours(1)).follow(evaluator);
    Router router = Router.router(vertx);
    StatuspageApi.mount(router, published);
    PublicPage.mount(router, evaluator::latest, IncidentLog.none(), Branding.defaults(), clock, live);
    int port = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")).actualPort();
    String base = "http://127.0.0.1:" + port;
    assertThat(checkoutStatus(base)).isEqualTo("operational");
    BlockingQueue<String> events = stream(base + "/status/events");
    awaitLine(events, ": connected");

    inputs.set(liveInstances(0));
    await(evaluator.evaluate());

    until("summary.json shows the outage", () -> "major_outage".equals(checkoutStatus(base)));
    awaitLine(events, "event: change");
    assertThat(awaitLine(events, "data: ")).contains("\"indicator\":\"critical\"");
  }

  private static StatusInputs liveInstances(int n) {
    return new StatusInputs(Map.of(), Map.of("checkout", new ServiceLiveness("checkout", n, true)), Set.of());
  }

  private String checkoutStatus(String base) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v2/summary.json"))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      return new JsonObject(r.body()).getJsonArray("components").getJsonObject(0).getString("status");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private BlockingQueue<String> stream(String url) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    // read on a thread of its own: a plain thenAccept runs on the caller's thread when the answer is already
    // there, and the endless stream would then block the test itself
    Thread reader = new Thread(() -> {
      try {
        http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofLines())
            .body().forEach(lines::add);
      } catch (Exception e) {
        lines.add("! stream ended: " + e);
      }
    }, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' within 30 s");
  }

  private static void until(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
