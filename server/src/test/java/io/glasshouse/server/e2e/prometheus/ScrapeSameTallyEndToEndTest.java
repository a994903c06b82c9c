package io.glasshouse.server.e2e.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import org.yaml.snakeyaml.Yaml;

/**
 * Issue #7, scraping: a real Prometheus (Debian's 2.42) and Glasshouse's own scraper, configured with the same
 * {@code scrape_configs} text and the same file SD file, scrape the same two exporters. The exporters move only when
 * both scrapers fetched the current step (and stamp each reading), so both stored the same readings; one target
 * leaves discovery midway, restarts from zero and comes back. Glasshouse's per-minute counter increases, histogram
 * counts, sums and bucket counts, computed from its own scrapes, must equal the exact increases computed from
 * Prometheus's raw samples (its query API, range selectors).
 *
 * <p>Real time (Prometheus runs on the wall clock), every wait bounded; about a minute and a half. Needs
 * {@code apt-get install prometheus}.
 */
class ScrapeSameTallyEndToEndTest {
  static final int STEPS = 70;
  static final int LEAVE = 25;
  static final int RETURN = 40;

  @TempDir
  Path dir;
  final List<SteppedExporter> exporters = new ArrayList<>();
  PrometheusProcess prometheus;
  int prometheusPort;
  Glasshouse glasshouse;
  Vertx clientVertx;
  WebClient client;
  int port;

  @AfterEach
  void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    exporters.forEach(SteppedExporter::close);
    if (glasshouse != null) {
      glasshouse.stop(Duration.ofSeconds(30));
    }
    if (client != null) {
      client.close();
      Await.result(clientVertx.close());
    }
  }

  @Test
  void glasshouseScrapesCountExactlyWhatPrometheusStoredThroughTargetChurn() {
    PrometheusProcess.requireInstalled();
    SteppedExporter a = new SteppedExporter(0, InProcessServer.freePort());
    SteppedExporter b = new SteppedExporter(1, InProcessServer.freePort());
    exporters.add(a);
    exporters.add(b);
    a.start();
    b.start();
    Path sd = dir.resolve("targets.json");
    writeTargets(sd, a, b);
    String scrapeConfigs = """
        global:
          scrape_interval: 500ms
          scrape_timeout: 500ms
        scrape_configs:
          - job_name: shop
            file_sd_configs:
              - files: ['%s']
                refresh_interval: 1s
        """.formatted(sd);
    startGlasshouse(scrapeConfigs);
    prometheusPort = InProcessServer.freePort();
    prometheus = PrometheusProcess.start(dir, scrapeConfigs, prometheusPort);

    List<SteppedExporter> active = new ArrayList<>(List.of(a, b));
    for (int k = 0; k < STEPS; k++) {
      if (k == LEAVE) {
        writeTargets(sd, a);
        Await.until("both scrapers to drop the target that left", () -> {
          prometheus.assertAlive();
          return !prometheusTargets().contains(b.address()) && !glasshouseTargets().contains(b.address());
        }, Duration.ofSeconds(30));
        active.remove(b);
        b.restart();
      }
      if (k == RETURN) {
        writeTargets(sd, a, b);
        active.add(b);
      }
      for (SteppedExporter e : active) {
        e.step(k);
      }
      int step = k;
      Await.until("both scrapers to fetch step " + step, () -> {
        prometheus.assertAlive();
        return active.stream().allMatch(SteppedExporter::seenByBoth);
      }, Duration.ofSeconds(30));
    }

    Map<String, Map<Long, Double>> expected = new TreeMap<>();
    expected.put("requests_total increase", fromPrometheus("requests_total"));
    expected.put("request_duration_seconds count", fromPrometheus("request_duration_seconds_count"));
    expected.put("request_duration_seconds sum", fromPrometheus("request_duration_seconds_sum"));
    for (double le : SteppedExporter.LE) {
      expected.put("request_duration_seconds le=" + le,
          fromPrometheus("request_duration_seconds_bucket{le=\"" + SteppedExporter.num(le) + "\"}"));
    }
    assertThat(expected.get("requests_total increase")).as("Prometheus stored readings").isNotEmpty();
    AtomicReference<Map<String, Map<Long, Double>>> actual = new AtomicReference<>();
    try {
      Await.until("Glasshouse to hold what it scraped", () -> {
        actual.set(actualFigures(expected.get("requests_total increase")));
        return actual.get().equals(expected);
      }, Duration.ofSeconds(30));
    } catch (AssertionError timedOut) {
      // the comparison below says which figure of which minute differs
    }
    SoftAssertions softly = new SoftAssertions();
    expected.forEach((figure, perMinute) -> softly.assertThat(actual.get().get(figure))
        .as(figure + " per minute (Prometheus log: " + prometheus.log + ")").isEqualTo(perMinute));
    softly.assertAll();
  }

  /** Per-minute increase of every series the selector finds, summed, from Prometheus's raw samples. */
  private Map<Long, Double> fromPrometheus(String selector) {
    HttpResponse<Buffer> r = Await.result(client.get(prometheusPort, "127.0.0.1", "/api/v1/query")
        .addQueryParam("query", selector + "[1h]")
        .addQueryParam("time", Double.toString(System.currentTimeMillis() / 1000.0)).send());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    Map<Long, Double> out = new TreeMap<>();
    for (Object o : r.bodyAsJsonObject().getJsonObject("data").getJsonArray("result")) {
      double previous = Double.NaN;
      for (Object p : ((JsonObject) o).getJsonArray("values")) {
        JsonArray point = (JsonArray) p;
        long ms = Math.round(point.getDouble(0) * 1000);
        double v = Double.parseDouble(point.getString(1));
        double inc = Double.isNaN(previous) || v < previous ? v : v - previous;
        out.merge(Tally.minute(ms), inc, Double::sum);
        previous = v;
      }
    }
    return withoutZeros(out);
  }

  private Map<String, Map<Long, Double>> actualFigures(Map<Long, Double> minutes) {
    long from = minutes.keySet().stream().min(Long::compare).orElseThrow();
    long to = minutes.keySet().stream().max(Long::compare).orElseThrow();
    Map<String, Map<Long, Double>> out = new TreeMap<>();
    out.put("requests_total increase", perMinute("requests_total", "increase", from, to));
    Map<Long, Double> count = perMinute("request_duration_seconds", "count", from, to);
    out.put("request_duration_seconds count", count);
    out.put("request_duration_seconds sum", perMinute("request_duration_seconds", "sum", from, to));
    for (double le : SteppedExporter.LE) {
      Map<Long, Double> fraction = perMinute("request_duration_seconds", "fraction_le", from, to,
          "threshold", Double.toString(le));
      Map<Long, Double> bucket = new TreeMap<>();
      fraction.forEach((m, f) -> bucket.put(m, (double) Math.round(f * count.getOrDefault(m, 0.0))));
      out.put("request_duration_seconds le=" + le, withoutZeros(bucket));
    }
    return out;
  }

  /** One point per minute of the one service series; keys are minute starts (points sit at window ends). */
  private Map<Long, Double> perMinute(String metric, String fn, long fromMs, long toMs, String... params) {
    var req = client.get(port, "127.0.0.1", "/api/v1/services/shop/metrics/" + metric + "/query")
        .addQueryParam("fn", fn)
        .addQueryParam("from", Instant.ofEpochMilli(fromMs).toString())
        .addQueryParam("to", Instant.ofEpochMilli(toMs + 60_000).toString())
        .addQueryParam("step", "1m");
    for (int i = 0; i < params.length; i += 2) {
      req.addQueryParam(params[i], params[i + 1]);
    }
    HttpResponse<Buffer> r = Await.result(req.send());
    Map<Long, Double> out = new TreeMap<>();
    if (r.statusCode() == 404) {
      return out;
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

  private String prometheusTargets() {
    HttpResponse<Buffer> r = Await.result(client.get(prometheusPort, "127.0.0.1", "/api/v1/targets").send());
    return r.statusCode() == 200 ? r.bodyAsJsonObject().getJsonObject("data").getJsonArray("activeTargets").encode()
        : "(not ready: " + r.statusCode() + ")" + exporters.get(1).address();
  }

  private String glasshouseTargets() {
    return Await.result(client.get(port, "127.0.0.1", "/api/v1/scrape/targets").send()).bodyAsString();
  }

  private static void writeTargets(Path file, SteppedExporter... targets) {
    JsonArray list = new JsonArray();
    for (SteppedExporter e : targets) {
      list.add(e.address());
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, new JsonArray().add(new JsonObject().put("targets", list)).encode());
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private void startGlasshouse(String scrapeYaml) {
    port = InProcessServer.freePort();
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.resolve("data").toString());
    c.override("server", "event-loops", 2);
    c.override("server", "open-read", true); // the read API answers the comparison without a token
    c.override("rollup", "new-series-grace", "0s"); // a new store: first readings are new events, as the tally says
    Map<String, Object> scrape = new Yaml().load(scrapeYaml);
    scrape.forEach((k, v) -> c.override("scrape", k, v));
    glasshouse = Await.result(Glasshouse.start(c, false, Clock.systemUTC()));
    clientVertx = Vertx.vertx();
    client = WebClient.create(clientVertx);
  }
}
