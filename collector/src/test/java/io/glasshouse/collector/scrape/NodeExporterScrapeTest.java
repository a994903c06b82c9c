package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the scrape parser and mapper on real output: Debian's {@code prometheus-node-exporter} started on
 * loopback (needs {@code apt-get install prometheus-node-exporter}). Also a refused connection and a body over the
 * limit, which are {@code up 0}.
 */
@ExtendWith(VertxExtension.class)
class NodeExporterScrapeTest {
  static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

  @TempDir
  Path dir;
  Process exporter;
  Scraper scraper;

  @AfterEach
  void stop() throws InterruptedException {
    if (scraper != null) {
      scraper.close();
    }
    if (exporter != null) {
      exporter.destroy();
      exporter.waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void realNodeExporterOutputParsesWhole(Vertx vertx) throws Exception {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(BINARY + " is missing: apt-get install prometheus-node-exporter");
    }
    int port = freePort();
    exporter = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port)
        .redirectErrorStream(true).redirectOutput(dir.resolve("node-exporter.log").toFile()).start();
    scraper = new Scraper(vertx, Clock.systemUTC(), 16 << 20, Duration.ofSeconds(5), 4);
    ScrapeTarget target = ScrapeTarget.of("http://127.0.0.1:" + port + "/metrics", "node");

    DecodedBatch batch = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      batch = scraper.scrape(target).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      if (value(batch.samples(), "up") == 1) {
        break;
      }
    }

    assertThat(batch).isNotNull();
    assertThat(value(batch.samples(), "up")).as("node exporter answered").isEqualTo(1);
    assertThat(batch.tally().rejections()).as("every line parsed").isEmpty();
    assertThat(batch.samples()).hasSizeGreaterThan(100);
    assertThat(batch.samples()).allSatisfy(s -> {
      assertThat(s.service()).isEqualTo("node");
      assertThat(s.instance()).isEqualTo("127.0.0.1:" + port);
    });
    assertThat(kind(batch.samples(), "node_cpu_seconds_total")).isEqualTo(MetricKind.COUNTER);
    assertThat(kind(batch.samples(), "node_load1")).isEqualTo(MetricKind.GAUGE);
    assertThat(kind(batch.samples(), "go_gc_duration_seconds_count")).isEqualTo(MetricKind.COUNTER);
    assertThat(value(batch.samples(), "scrape_samples_scraped")).isGreaterThan(100);
  }

  @Test
  void refusedConnectionsAndBodiesOverTheLimitAreUpZero(Vertx vertx) throws Exception {
    scraper = new Scraper(vertx, Clock.systemUTC(), 10, Duration.ofSeconds(5), 4);
    DecodedBatch refused = scraper.scrape(ScrapeTarget.of("http://127.0.0.1:" + freePort() + "/metrics", "x"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(value(refused.samples(), "up")).isZero();

    var server = vertx.createHttpServer().requestHandler(req -> req.response().end("a_metric 1\nb_metric 2\n"));
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get().actualPort();
    DecodedBatch tooLarge = scraper.scrape(ScrapeTarget.of("http://127.0.0.1:" + port + "/metrics", "x"))
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertThat(value(tooLarge.samples(), "up")).isZero();
    assertThat(tooLarge.samples()).extracting(Sample::metric).doesNotContain("a_metric");
  }

  private static double value(List<Sample> samples, String metric) {
    return samples.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().value();
  }

  private static MetricKind kind(List<Sample> samples, String metric) {
    return samples.stream().filter(s -> s.metric().equals(metric)).findFirst().orElseThrow().kind();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
