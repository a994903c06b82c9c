package io.glasshouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.GlasshouseProcess;
import io.glasshouse.server.e2e.IngestLoad;
import io.glasshouse.server.e2e.ReadApi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2: graceful shutdown on SIGTERM stops accepting, finishes in-flight requests, commits and exits 0; after a
 * restart everything acknowledged is there, with no journal left to recover.
 */
class GracefulShutdownIT {
  @TempDir
  Path dir;
  GlasshouseProcess first;
  GlasshouseProcess second;
  final Vertx vertx = Vertx.vertx();
  final WebClient client = WebClient.create(vertx);

  @AfterEach
  void cleanUp() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
    client.close();
    Await.result(vertx.close());
  }

  @Test
  void sigtermDuringIngestCommitsEverythingAcknowledgedAndExitsZero() {
    first = GlasshouseProcess.serve(dir.resolve("data"), dir.resolve("first.log"), Map.of());
    IngestLoad load = new IngestLoad("graceful");

    load.run(first.port, 6, acks -> acks >= 200, first::terminate);

    assertThat(first.awaitExit(Duration.ofSeconds(60))).as(first.logText()).isZero();
    assertThat(first.logText()).contains("shutting down").contains("everything acknowledged is committed");

    second = GlasshouseProcess.serve(dir.resolve("data"), dir.resolve("second.log"), Map.of());
    long counted = load.verify(new ReadApi(client, second.port), Instant.now());
    assertThat(counted).isBetween((long) load.acknowledged.size(), (long) load.sent.size());
    assertThat(second.logText()).as("a graceful stop leaves no journal to replay").doesNotContain("recovered");
  }
}
