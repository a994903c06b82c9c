package io.glasshouse.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backfill's plan, and its sending against a fake ingest endpoint (against a real server: DemoBackfillEndToEndTest). */
class DemoBackfillTest {
  private static final Duration THREE_DAYS = Duration.ofDays(3);

  private Vertx vertx;
  private WebClient client;
  private final Clock clock = Clock.systemUTC();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** A fake ingest endpoint answering {@code status} (with {@code Retry-After: 0}) to the first requests. */
  private HttpServer fake(int failures, int status, String body, AtomicInteger seen) throws Exception {
    return await(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      int n = seen.incrementAndGet();
      if (n <= failures) {
        req.response().setStatusCode(status).putHeader("Retry-After", "0")
            .putHeader("Content-Type", "application/problem+json").end(body);
      } else {
        int samples = b.toJsonObject().getJsonArray("samples").size();
        req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("accepted", samples).encode());
      }
    })).listen(0, "127.0.0.1"));
  }

  @Test
  void overloadIsRetriedAndOtherRefusalsStopTheRun() throws Exception {
    DemoConfig one = DemoConfig.defaults().withServices(List.of("checkout")).withInstancesPerService(1);
    DemoBackfill.Options options = DemoBackfill.Options.defaults().withHistory(Duration.ofHours(6))
        .withResolution(Duration.ofMinutes(5)).withBatchSamples(7 * 24);

    AtomicInteger seen = new AtomicInteger();
    HttpServer busy = fake(2, 503, "{\"title\":\"Service Unavailable\",\"detail\":\"queue full\"}", seen);
    BackfillReport report = await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + busy.actualPort()),
        clock, one, options, null));
    assertThat(report.retries()).isEqualTo(2);
    // 71 timestamps (72 when now is within a minute after a 5-minute mark), 24 a batch
    assertThat(report.requests()).isEqualTo(3);
    assertThat(report.samples()).isBetween(71L * 7, 72L * 7);
    await(busy.close());

    AtomicInteger refused = new AtomicInteger();
    HttpServer strict = fake(100, 422, "{\"title\":\"Unprocessable\",\"detail\":\"no such thing\"}", refused);
    assertThatThrownBy(() -> await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + strict.actualPort()),
        clock, one, options, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("Unprocessable: no such thing")
        .hasMessageContaining("checkout-h1");
    assertThat(refused.get()).as("requests sent before the refusal stopped the run").isLessThanOrEqualTo(4);
    await(strict.close());
  }

  @Test
  void requestHistoryGoesAfterTheGaugesAndHoldsSearchsPastBurst() {
    DemoConfig config = DemoConfig.defaults().withServices(List.of("search"));
    Instant now = Instant.parse("2024-01-03T16:02:30Z");
    DemoBackfill.Options options = DemoBackfill.Options.defaults().withHistory(Duration.ofHours(2))
        .withRequestHistory(Duration.ofDays(10)).withResolution(Duration.ofMinutes(15));
    DemoBackfill.Plan plan = DemoBackfill.Plan.of(config, options, now);
    assertThat(plan.samples()).isEqualTo(plan.steps() * 3L * 3 + 8L * 3 * 7);
    // the gauges capacity forecasts read go first, the request history after them
    assertThat(plan.batch(0).body().toJsonObject().getJsonArray("samples").getJsonObject(0).getString("type"))
        .isEqualTo("gauge");
    assertThat(plan.batch(plan.batches() - 1).body().toJsonObject().getJsonArray("samples").getJsonObject(0)
        .getString("type")).isEqualTo("histogram");
    // search's past error burst (its size and date in the store: DemoBackfillEndToEndTest in server)
    assertThat(plan.pastIncidents()).extracting(e -> e.getValue().service()).containsOnly("search");
  }

  @Test
  void theHistoryIsStableAndJoinsTheLiveFleetAtNow() {
    DemoConfig config = DemoConfig.defaults();
    Instant now = Instant.parse("2024-01-03T16:02:30Z");
    DemoBackfill.Options options = DemoBackfill.Options.defaults();
    DemoBackfill.Plan plan = DemoBackfill.Plan.of(config, options, now);

    assertThat(plan.instances()).extracting(DemoBackfill.History::id).containsExactly(
        "checkout-h1", "checkout-h2", "checkout-h3", "search-h1", "search-h2", "search-h3",
        "accounts-h1", "accounts-h2", "accounts-h3");
    assertThat(plan.from()).isEqualTo(now.minus(Duration.ofDays(21)).plus(Duration.ofSeconds(150)));
    assertThat(plan.to()).isEqualTo(Instant.parse("2024-01-03T16:00:00Z"));
    assertThat(plan.steps()).isEqualTo(21 * 24 * 12);
    assertThat(plan.samples()).isEqualTo(21L * 24 * 12 * 9 * 7);

    int lastChunk = (plan.chunks() - 1) * plan.instances().size();
    JsonObject last = plan.batch(lastChunk).body().toJsonObject();
    assertThat(last.getString("service")).isEqualTo("checkout");
    assertThat(last.getString("instance")).isEqualTo("checkout-h1");
    assertThat(last.getJsonObject("labels").getMap()).isEqualTo(Map.of("version", "2.3.1", "region", "eu-west-1"));
    JsonArray samples = last.getJsonArray("samples");
    JsonObject disk = samples.getJsonObject(samples.size() - 4);
    assertThat(disk.getString("metric")).isEqualTo("disk_used");
    assertThat(disk.getJsonObject("labels").getString("path")).isEqualTo("/data");
    assertThat(disk.getLong("timestamp")).isEqualTo(plan.to().toEpochMilli());
    assertThat(disk.getDouble("value") / (200.0 * ServiceProfile.GIB)).isCloseTo(0.72, within(0.002));

    // the same configuration and "now" give the same history
    assertThat(DemoBackfill.Plan.of(config, options, now).batch(5).body())
        .isEqualTo(plan.batch(5).body());
  }

  @Test
  void trendsRunBackwardsBeforeTheStartAndMatchTheLiveOnesAfter() {
    Duration day = Duration.ofHours(24);
    Instant start = Instant.parse("2024-01-03T16:00:00Z");
    for (int h = 0; h < 72; h += 5) {
      Instant t = start.plus(Duration.ofHours(h));
      assertThat(Cycles.loadAt(t, start, day)).isEqualTo(Cycles.load(t, start, day));
    }
    Instant weekBefore = start.minus(Duration.ofDays(7));
    assertThat(Cycles.loadAt(weekBefore, start, day)).isCloseTo(0.93 * Cycles.load(weekBefore, weekBefore, day),
        within(1e-9));

    ServiceProfile checkout = ServiceProfile.forName("checkout");
    assertThat(checkout.diskFractionAt(2)).isEqualTo(checkout.diskFraction(2));
    assertThat(checkout.diskFractionAt(-3)).isCloseTo(0.72 - 0.18, within(1e-9));
    assertThat(checkout.diskFractionAt(-30)).isEqualTo(ServiceProfile.FRESH_VOLUME);
  }

  @Test
  void badArgumentsFailAtOnce() {
    Future<BackfillReport> f = DemoBackfill.run(vertx, URI.create("ftp://example.invalid/"), clock,
        DemoConfig.defaults(), Duration.ofDays(1), null);
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
    Future<BackfillReport> g = DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:1"), clock,
        DemoConfig.defaults(), DemoBackfill.Options.defaults().withResolution(Duration.ZERO), null);
    assertThat(g.cause()).hasMessageContaining("resolution");
  }
}
