package io.glasshouse.server.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7, "Tests that must exist": a real Prometheus scrapes three instances of a test exporter every second and
 * remote-writes to a whole in-process Glasshouse with {@code max_samples_per_send: 50}, so a histogram's
 * {@code _bucket}, {@code _sum} and {@code _count} series of one scrape land in different requests. One instance's
 * counters reset midway, one instance appears later (Prometheus reports it down until then), and the summary's
 * quantiles are NaN. Glasshouse's per-minute increases, histogram counts, sums and bucket counts must equal the
 * exact tally of what the exporters served.
 *
 * <p>Time is real here (Prometheus runs on the wall clock); every wait is bounded, and the whole test takes about a
 * minute. Needs {@code apt-get install prometheus}.
 */
class RealPrometheusEndToEndTest {
  static final int STEPS = 50;
  static final int LATE_STEPS = 35;

  @TempDir
  Path dir;
  final List<TestExporter> exporters = new ArrayList<>();
  PrometheusProcess prometheus;
  Glasshouse glasshouse;
  Vertx clientVertx;
  WebClient client;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    exporters.forEach(TestExporter::close);
    if (glasshouse != null) {
      glasshouse.stop(Duration.ofSeconds(30));
    }
    if (client != null) {
      client.close();
      Await.result(clientVertx.close());
    }
  }

  @Test
  void perMinuteIncreasesAndHistogramBucketsEqualTheExportersTallyWhateverPrometheusSplits() {
    PrometheusProcess.requireInstalled();
    startGlasshouse();
    int[] ports = {InProcessServer.freePort(), InProcessServer.freePort(), InProcessServer.freePort()};
    exporters.add(new TestExporter(0, ports[0], STEPS, -1));
    exporters.add(new TestExporter(1, ports[1], STEPS, STEPS / 2));
    TestExporter late = new TestExporter(2, ports[2], LATE_STEPS, -1);
    exporters.add(late);
    exporters.get(0).start();
    exporters.get(1).start();
    prometheus = PrometheusProcess.start(dir, config(ports), InProcessServer.freePort());

    Await.until("Prometheus to scrape instance 0 fifteen times", () -> {
      prometheus.assertAlive();
      return exporters.get(0).served().size() >= 15;
    }, Duration.ofSeconds(60));
    late.start(); // until now Prometheus wrote up=0 for it
    Await.until("every exporter to serve its whole schedule", () -> {
      prometheus.assertAlive();
      return exporters.stream().allMatch(TestExporter::finished);
    }, Duration.ofSeconds(90));

    List<List<TestExporter.Reading>> served = exporters.stream().map(TestExporter::served).toList();
    Map<String, Map<Long, Double>> expected = new TreeMap<>();
    expected.put("requests_total increase", Tally.increase(served, TestExporter.Reading::requests));
    expected.put("rpc_duration_seconds_count increase", Tally.increase(served, r -> r.summaryCount()));
    expected.put("rpc_duration_seconds_sum increase", Tally.increase(served, TestExporter.Reading::summarySum));
    expected.put("request_duration_seconds count", Tally.increase(served, r -> r.count()));
    expected.put("request_duration_seconds sum", Tally.increase(served, TestExporter.Reading::sum));
    for (int b = 0; b < TestExporter.LE.length; b++) {
      int bucket = b;
      expected.put("request_duration_seconds le=" + TestExporter.LE[b],
          Tally.increase(served, r -> r.cumulativeBuckets()[bucket]));
    }
    expected.put("queue_depth min", Tally.gauge(served, false));
    expected.put("queue_depth max", Tally.gauge(served, true));
    expected.replaceAll((k, v) -> withoutZeros(v));

    long from = served.stream().flatMap(List::stream).mapToLong(TestExporter.Reading::timestampMs).min().orElseThrow();
    long to = served.stream().flatMap(List::stream).mapToLong(TestExporter.Reading::timestampMs).max().orElseThrow();
    AtomicReference<Map<String, Map<Long, Double>>> actual = new AtomicReference<>();
    try {
      Await.until("Glasshouse to hold everything Prometheus sent", () -> {
        actual.set(actualFigures(from, to));
        return actual.get().equals(expected);
      }, Duration.ofSeconds(30));
    } catch (AssertionError timedOut) {
      // fall through: the comparison below says which figure of which minute differs
    }
    SoftAssertions softly = new SoftAssertions();
    // Prometheus wrote up=0 and scrape_* series for the late instance from the start; it became an instance only
    // when it answered
    long lateFirstReading = late.served().get(0).timestampMs();
    var instances = Await.result(client.get(port, "127.0.0.1", "/api/v1/services/shop/instances").send())
        .bodyAsJsonObject().getJsonArray("instances");
    softly.assertThat(instances).as("instances").hasSize(3);
    for (Object o : instances) {
      JsonObject i = (JsonObject) o;
      if (i.getString("instance").endsWith(":" + ports[2])) {
        softly.assertThat(Instant.parse(i.getString("firstSeen")).toEpochMilli()).as("late instance first seen")
            .isGreaterThanOrEqualTo(lateFirstReading - 1_000);
      }
    }
    expected.forEach((figure, perMinute) ->
        softly.assertThat(actual.get().get(figure)).as(figure + " per minute (Prometheus log: " + prometheus.log + ")")
            .isEqualTo(perMinute));
    softly.assertAll();
  }

  private Map<String, Map<Long, Double>> actualFigures(long from, long to) {
    Map<String, Map<Long, Double>> out = new TreeMap<>();
    out.put("requests_total increase", perMinute("requests_total", "increase", from, to));
    out.put("rpc_duration_seconds_count increase", perMinute("rpc_duration_seconds_count", "increase", from, to));
    out.put("rpc_duration_seconds_sum increase", perMinute("rpc_duration_seconds_sum", "increase", from, to));
    Map<Long, Double> count = perMinute("request_duration_seconds", "count", from, to);
    out.put("request_duration_seconds count", count);
    out.put("request_duration_seconds sum", perMinute("request_duration_seconds", "sum", from, to));
    for (double le : TestExporter.LE) {
      Map<Long, Double> fraction = perMinute("request_duration_seconds", "fraction_le", from, to,
          "threshold", Double.toString(le));
      Map<Long, Double> bucket = new TreeMap<>();
      // fraction x count gives the bucket's count back; rounding removes the division's last-bit error
      fraction.forEach((m, f) -> bucket.put(m, (double) Math.round(f * count.getOrDefault(m, 0.0))));
      out.put("request_duration_seconds le=" + le, withoutZeros(bucket));
    }
    out.put("queue_depth min", perMinute("queue_depth", "min", from, to));
    out.put("queue_depth max", perMinute("queue_depth", "max", from, to));
    return out;
  }

  /** One point per minute of the one service series; keys are minute starts (points sit at window ends). */
  private Map<Long, Double> perMinute(String metric, String fn, long fromMs, long toMs, String... params) {
    var req = client.get(port, "127.0.0.1", "/api/v1/services/shop/metrics/" + metric + "/query")
        .addQueryParam("fn", fn)
        .addQueryParam("from", Instant.ofEpochMilli(Tally.minute(fromMs)).toString())
        .addQueryParam("to", Instant.ofEpochMilli(Tally.minute(toMs) + 60_000).toString())
        .addQueryParam("step", "1m");
    for (int i = 0; i < params.length; i += 2) {
      req.addQueryParam(params[i], params[i + 1]);
    }
    HttpResponse<Buffer> r = Await.result(req.send());
    Map<Long, Double> out = new TreeMap<>();
    if (r.statusCode() == 404) {
      return out; // not ingested (yet)
    }
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    var series = r.bodyAsJsonObject().getJsonArray("series");
    assertThat(series.size()).as(series.encode()).isLessThanOrEqualTo(1);
    for (Object s : series) {
      for (Object p : ((JsonObject) s).getJsonArray("points")) {
        JsonObject point = (JsonObject) p;
        Double v = point.getDouble("v");
        if (v != null && !v.isNaN()) {
          out.put(Instant.parse(point.getString("t")).toEpochMilli() - 60_000, v);
        }
      }
    }
    return withoutZeros(out);
  }

  private static Map<Long, Double> withoutZeros(Map<Long, Double> m) {
    Map<Long, Double> out = new TreeMap<>(m);
    out.values().removeIf(v -> v == 0.0);
    return out;
  }

  private void startGlasshouse() {
    port = InProcessServer.freePort();
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.resolve("data").toString());
    c.override("server", "event-loops", 2);
    c.override("server", "open-read", true);
    // the store is new: a series' first reading is new events, as the tally counts it
    c.override("rollup", "new-series-grace", "0s");
    glasshouse = Await.result(Glasshouse.start(c, false, Clock.systemUTC()));
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx);
  }

  private String config(int[] ports) {
    StringBuilder targets = new StringBuilder();
    for (int p : ports) {
      targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(p).append('\'');
    }
    return """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: shop
            static_configs:
              - targets: [%s]
        remote_write:
          - url: http://127.0.0.1:%d/api/v1/write
            queue_config:
              max_samples_per_send: 50
              batch_send_deadline: 1s
              min_backoff: 100ms
              max_backoff: 1s
        """.formatted(targets, port);
  }
}
