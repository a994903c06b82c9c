package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.demo.BackfillReport;
import io.glasshouse.demo.DemoBackfill;
import io.glasshouse.demo.DemoConfig;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6: a SIGTERM'd {@code --demo} server with its 90-day backfill running did not exit within minutes (the
 * backfill went on retrying against the draining server). Stopping the backfill part ends the run promptly, and the
 * server's graceful stop then returns.
 */
class DemoBackfillShutdownTest {
  @TempDir
  Path dir;

  @Test
  void stoppingTheDemoBackfillEndsItsRunAndTheServerStops() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-03-02T12:00:00Z"));
    int port = InProcessServer.freePort();
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    DemoHook.applyDefaults(c);
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.toString());
    c.override("server", "event-loops", 1);
    c.override("server", "drain-delay", "0s");
    Glasshouse g = Await.result(Glasshouse.start(c, false, clock));
    Vertx vertx = Vertx.vertx();
    try {
      DemoBackfillStop part = new DemoBackfillStop();
      Future<BackfillReport> result = part.start(() -> DemoBackfill.start(vertx, URI.create("http://127.0.0.1:" + port),
          clock, DemoConfig.fromJson(c.section("demo")), DemoBackfill.Options.demo(), null));
      assertThat(result.isComplete()).as("90 days of history take far longer than starting").isFalse();

      Future<Void> stopped = part.stop();
      Await.until("the backfill run ended", stopped::isComplete, Await.TIMEOUT);
      assertThat(result.failed()).isTrue();
      assertThat(result.cause()).hasMessageContaining("stopped (the server is shutting down)");
      assertThat(part.start(() -> {
        throw new AssertionError("a stopped part must not start a backfill again");
      }).failed()).isTrue();

      g.stop(Duration.ofSeconds(30)); // returns: nothing of the backfill holds it up
    } finally {
      Await.result(vertx.close());
    }
  }
}
