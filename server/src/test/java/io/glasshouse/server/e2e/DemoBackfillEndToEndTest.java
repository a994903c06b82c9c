package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.demo.BackfillReport;
import io.glasshouse.demo.DemoBackfill;
import io.glasshouse.demo.DemoConfig;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's history backfill against a real server: what it writes is what the read API answers. */
class DemoBackfillEndToEndTest {
  private static final Duration THREE_DAYS = Duration.ofDays(3);
  private static final double GIB = 1024.0 * 1024 * 1024;

  private final Clock clock = Clock.systemUTC();
  @RegisterExtension
  final TestServer gh = new TestServer(clock);

  /** A real server in-process; {@code widePast}, {@code wideLate} widen the past and late windows to 30 days. */
  private int startServer(boolean widePast, boolean wideLate) {
    GlasshouseConfig config = gh.config();
    config.override("server", "open-read", true);
    if (widePast) {
      config.override("collector", "past-window", "30d");
    }
    if (wideLate) {
      config.override("rollup", "late-window", "30d");
    }
    gh.start(config);
    return gh.port();
  }

  private static DemoBackfill.Options threeDaysAtQuarterHours() {
    // 700 samples a batch: 100 timestamps, so three batches per instance and the in-flight bound matters
    return DemoBackfill.Options.defaults().withHistory(THREE_DAYS).withResolution(Duration.ofMinutes(15))
        .withBatchSamples(700).withProgressInterval(Duration.ofMillis(500));
  }

  /** Points of the single summed series of a query, as (end of window, value). */
  private List<Map.Entry<Instant, Double>> query(int port, String metric, String fn, Instant from, Instant to)
      throws Exception {
    HttpResponse<Buffer> r = Await.result(gh.client().get(port, "127.0.0.1",
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
    int port = startServer(true, true);
    DemoConfig config = DemoConfig.defaults();
    Instant now = clock.instant();
    BackfillReport report = Await.result(DemoBackfill.runWith(gh.vertx(), URI.create(gh.base()), clock,
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
    double total = 200.0 * GIB;
    double first = disk.get(0).getValue();
    double last = disk.get(disk.size() - 1).getValue();
    assertThat(last - first).as("three days of 6 %% a day").isCloseTo(0.18 * total, within(0.02 * total));
    assertThat(last).as("where the live fleet starts: 72 %%").isCloseTo(0.72 * total, within(0.01 * total));

    List<Map.Entry<Instant, Double>> cpu = query(port, "process_cpu_usage", "max", from, to);
    assertThat(cpu).hasSizeGreaterThanOrEqualTo(70);
    double peak = meanAtHour(cpu, 16);
    double trough = meanAtHour(cpu, 4);
    assertThat(peak).as("CPU at 16:00 UTC vs 04:00 UTC").isGreaterThan(trough + 0.15);
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
    var req = gh.client().get(port, "127.0.0.1", "/api/v1/services/" + service + "/metrics/http_server_requests/query")
        .addQueryParam("fn", "count").addQueryParam("from", from.toString()).addQueryParam("to", to.toString())
        .addQueryParam("step", "1h");
    if (match != null) {
      req.addQueryParam("match", match);
    }
    HttpResponse<Buffer> r = Await.result(req.send());
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
    int port = startServer(true, true);
    DemoConfig config = DemoConfig.defaults().withServices(List.of("search"));
    Instant now = clock.instant();
    DemoBackfill.Options options = DemoBackfill.Options.defaults().withHistory(Duration.ofHours(2))
        .withRequestHistory(Duration.ofDays(10)).withResolution(Duration.ofMinutes(15))
        .withProgressInterval(Duration.ofMillis(500));
    BackfillReport report = Await.result(DemoBackfill.runWith(gh.vertx(), URI.create(gh.base()), clock,
        config, options, null));
    assertThat(report.samples()).as("what the plan holds: DemoBackfillTest").isPositive();

    // search's past error burst: 5% of requests fail with 500 for 4 hours, 9 days 5 hours before now
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
  }

  @Test
  void aServerWithTheDefaultPastWindowStopsTheBackfillNamingTheKey() throws Exception {
    int port = startServer(false, false);
    long start = System.nanoTime();
    assertThat(Await.failure(DemoBackfill.runWith(gh.vertx(), URI.create(gh.base()), clock,
        DemoConfig.defaults(), threeDaysAtQuarterHours(), null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("collector.past-window")
        .hasMessageContaining("after 0 of");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aLateWindowShorterThanTheHistoryIsReportedNamingTheKey() throws Exception {
    int port = startServer(true, false);
    assertThat(Await.failure(DemoBackfill.runWith(gh.vertx(), URI.create(gh.base()), clock,
        DemoConfig.defaults(), threeDaysAtQuarterHours(), null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rollup.late-window");
  }

}
