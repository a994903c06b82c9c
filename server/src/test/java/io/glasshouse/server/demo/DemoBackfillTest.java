package io.glasshouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoBackfillTest {
  private static final Duration THREE_DAYS = Duration.ofDays(3);

  private Vertx vertx;
  private WebClient client;
  private final Clock clock = Clock.systemUTC();

  @TempDir
  Path tmp;

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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A real server in-process; {@code wide} widens the past and late windows to 30 days. */
  private Glasshouse startServer(int port, Path data, boolean widePast, boolean wideLate) throws Exception {
    GlasshouseConfig config = GlasshouseConfig.load(null, Map.of());
    config.override("server", "port", port);
    config.override("server", "data", data.toString());
    config.override("server", "open-read", true);
    config.override("server", "drain-delay", "0s"); // the manual clock would hold the stop otherwise
    if (widePast) {
      config.override("collector", "past-window", "30d");
    }
    if (wideLate) {
      config.override("rollup", "late-window", "30d");
    }
    return await(Glasshouse.start(config, false, clock));
  }

  private static DemoBackfill.Options threeDaysAtQuarterHours() {
    // 700 samples a batch: 100 timestamps, so three batches per instance and the in-flight bound matters
    return DemoBackfill.Options.defaults().withHistory(THREE_DAYS).withResolution(Duration.ofMinutes(15))
        .withBatchSamples(700).withProgressInterval(Duration.ofMillis(500));
  }

  /** Points of the single summed series of a query, as (end of window, value). */
  private List<Map.Entry<Instant, Double>> query(int port, String metric, String fn, Instant from, Instant to)
      throws Exception {
    HttpResponse<Buffer> r = await(client.get(port, "127.0.0.1",
            "/api/v1/services/checkout/metrics/" + metric + "/query")
        .addQueryParam("fn", fn).addQueryParam("from", from.toString()).addQueryParam("to", to.toString())
        .addQueryParam("step", "1h").send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonArray series = r.bodyAsJsonObject().getJsonArray("series");
    assertThat(series).hasSize(1);
    List<Map.Entry<Instant, Double>> points = new ArrayList<>();
    for (Object o : series.getJsonObject(0).getJsonArray("points")) {
      JsonObject p = (JsonObject) o;
      points.add(Map.entry(Instant.parse(p.getString("t")), p.getDouble("v")));
    }
    return points;
  }

  @Test
  void threeDaysOfHistoryShowTheDiskTrendAndTheDailyCpuCycle() throws Exception {
    int port = freePort();
    Glasshouse glasshouse = startServer(port, tmp.resolve("data"), true, true);
    try {
      DemoConfig config = DemoConfig.defaults();
      Instant now = clock.instant();
      BackfillReport report = await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + port), clock,
          config, threeDaysAtQuarterHours(), null));

      int timestamps = 3 * 24 * 4; // the first one may fall a step later than now - 3 days, the last before now
      assertThat(report.samples()).isBetween((long) (timestamps - 1) * 9 * 7, (long) timestamps * 9 * 7);
      assertThat(report.requests()).isBetween(27L, 36L);
      assertThat(report.from()).isBetween(now.minus(THREE_DAYS), now.minus(THREE_DAYS).plus(Duration.ofMinutes(15)));
      assertThat(report.to()).isBefore(now).isAfter(now.minus(Duration.ofMinutes(16)));

      Instant to = now.truncatedTo(ChronoUnit.HOURS);
      Instant from = to.minus(THREE_DAYS);
      List<Map.Entry<Instant, Double>> disk = query(port, "disk_used", "max", from, to);
      assertThat(disk).hasSizeGreaterThanOrEqualTo(70);
      int rises = 0;
      for (int i = 1; i < disk.size(); i++) {
        if (disk.get(i).getValue() > disk.get(i - 1).getValue()) {
          rises++;
        }
      }
      assertThat(rises).as("hours in which checkout's disk grew").isGreaterThanOrEqualTo((disk.size() - 1) * 9 / 10);
      double total = 200.0 * ServiceProfile.GIB;
      double first = disk.get(0).getValue();
      double last = disk.get(disk.size() - 1).getValue();
      assertThat(last - first).as("three days of 6 %% a day").isCloseTo(0.18 * total, within(0.02 * total));
      assertThat(last).as("where the live fleet starts: 72 %%").isCloseTo(0.72 * total, within(0.01 * total));

      List<Map.Entry<Instant, Double>> cpu = query(port, "process_cpu_usage", "max", from, to);
      assertThat(cpu).hasSizeGreaterThanOrEqualTo(70);
      double peak = meanAtHour(cpu, 16);
      double trough = meanAtHour(cpu, 4);
      assertThat(peak).as("CPU at 16:00 UTC vs 04:00 UTC").isGreaterThan(trough + 0.15);
    } finally {
      glasshouse.stop(Duration.ofSeconds(30));
    }
  }

  /** Mean of the points whose hour window starts at {@code hour} (UTC). */
  private static double meanAtHour(List<Map.Entry<Instant, Double>> points, int hour) {
    List<Double> vs = points.stream()
        .filter(p -> p.getKey().minus(Duration.ofHours(1)).atZone(ZoneOffset.UTC).getHour() == hour)
        .map(Map.Entry::getValue).toList();
    assertThat(vs).as("points at hour " + hour).isNotEmpty();
    return vs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  /** Sum over all series of a histogram count query, per window end. */
  private Map<Instant, Double> counts(int port, String service, String match, Instant from, Instant to)
      throws Exception {
    var req = client.get(port, "127.0.0.1", "/api/v1/services/" + service + "/metrics/http_server_requests/query")
        .addQueryParam("fn", "count").addQueryParam("from", from.toString()).addQueryParam("to", to.toString())
        .addQueryParam("step", "1h");
    if (match != null) {
      req.addQueryParam("match", match);
    }
    HttpResponse<Buffer> r = await(req.send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    Map<Instant, Double> out = new java.util.TreeMap<>();
    for (Object s : r.bodyAsJsonObject().getJsonArray("series")) {
      for (Object o : ((JsonObject) s).getJsonArray("points")) {
        JsonObject p = (JsonObject) o;
        out.merge(Instant.parse(p.getString("t")), p.getDouble("v"), Double::sum);
      }
    }
    return out;
  }

  @Test
  void requestHistoryHoldsThePastIncidentsAtTheirKnownSizeAndDate() throws Exception {
    int port = freePort();
    Glasshouse glasshouse = startServer(port, tmp.resolve("requests"), true, true);
    try {
      DemoConfig config = DemoConfig.defaults().withServices(List.of("search"));
      Instant now = clock.instant();
      DemoBackfill.Options options = DemoBackfill.Options.defaults().withHistory(Duration.ofHours(2))
          .withRequestHistory(Duration.ofDays(10)).withResolution(Duration.ofMinutes(15))
          .withProgressInterval(Duration.ofMillis(500));
      DemoBackfill.Plan plan = DemoBackfill.Plan.of(config, options, now);
      BackfillReport report = await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + port), clock,
          config, options, null));
      assertThat(report.samples()).isEqualTo(plan.samples());
      assertThat(plan.samples()).isEqualTo(plan.steps() * 3L * 3 + 8L * 3 * 7);
      // the gauges capacity forecasts read go first, the request history after them
      assertThat(plan.batch(0).body().toJsonObject().getJsonArray("samples").getJsonObject(0).getString("type"))
          .isEqualTo("gauge");
      assertThat(plan.batch(plan.batches() - 1).body().toJsonObject().getJsonArray("samples").getJsonObject(0)
          .getString("type")).isEqualTo("histogram");

      // search's past error burst: 5% of requests fail with 500 for 4 hours, 9 days 5 hours before now
      assertThat(plan.pastIncidents()).extracting(e -> e.getValue().service()).containsOnly("search");
      Instant burst = now.minus(Duration.ofDays(9).plusHours(5));
      Instant from = burst.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
      Instant to = from.plus(Duration.ofHours(3));
      Map<Instant, Double> all = counts(port, "search", null, from, to);
      Map<Instant, Double> failed = counts(port, "search", "status=\"500\"", from, to);
      assertThat(all).hasSize(3);
      all.forEach((t, n) -> assertThat(failed.get(t) / n).as("5xx share in the hour before %s", t)
          .isCloseTo(0.05, within(0.01)));
      Map<Instant, Double> dayBefore = counts(port, "search", null, from.minus(Duration.ofDays(1)),
          to.minus(Duration.ofDays(1)));
      Map<Instant, Double> failedDayBefore = counts(port, "search", "status=\"500\"", from.minus(Duration.ofDays(1)),
          to.minus(Duration.ofDays(1)));
      dayBefore.forEach((t, n) -> assertThat(failedDayBefore.getOrDefault(t, 0.0) / n).isLessThan(0.006));
    } finally {
      glasshouse.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void aServerWithTheDefaultPastWindowStopsTheBackfillNamingTheKey() throws Exception {
    int port = freePort();
    Glasshouse glasshouse = startServer(port, tmp.resolve("narrow"), false, false);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + port), clock,
          DemoConfig.defaults(), threeDaysAtQuarterHours(), null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("HTTP 400")
          .hasMessageContaining("collector.past-window")
          .hasMessageContaining("after 0 of");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    } finally {
      glasshouse.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void aLateWindowShorterThanTheHistoryIsReportedNamingTheKey() throws Exception {
    int port = freePort();
    Glasshouse glasshouse = startServer(port, tmp.resolve("late"), true, false);
    try {
      assertThatThrownBy(() -> await(DemoBackfill.runWith(vertx, URI.create("http://127.0.0.1:" + port), clock,
          DemoConfig.defaults(), threeDaysAtQuarterHours(), null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("rollup.late-window");
    } finally {
      glasshouse.stop(Duration.ofSeconds(30));
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
