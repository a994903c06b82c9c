package io.glasshouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.GlasshouseProcess;
import io.glasshouse.server.e2e.IngestLoad;
import io.glasshouse.server.e2e.ReadApi;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #2: "A 2xx means durable". The packaged jar runs as its own process with a 1 s checkpoint interval; six
 * senders ingest atomic JSON batches concurrently; the process gets {@code kill -9} right after an
 * acknowledgement while other requests are in flight; it restarts on the same data folder by itself, and every
 * acknowledged request is counted exactly once (unacknowledged ones at most once). Three kills: early, after
 * several checkpoints written during ingest, and right after start.
 */
class KillNineDurabilityIT {
  static final Map<String, String> ENV = Map.of("GLASSHOUSE_ROLLUP_CHECKPOINT_INTERVAL", "1s");
  static final Pattern CHECKPOINTS = Pattern.compile("(?m)^glasshouse_store_checkpoint_seconds_count(?:\\{[^}]*})? (\\S+)");

  @TempDir
  Path dir;
  Vertx vertx;
  WebClient client;
  final List<GlasshouseProcess> processes = new ArrayList<>();
  final List<IngestLoad> loads = new ArrayList<>();

  @BeforeEach
  void client() {
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void cleanUp() {
    processes.forEach(GlasshouseProcess::close);
    client.close();
    Await.result(vertx.close());
  }

  @Test
  void everyAcknowledgedSampleIsCountedExactlyOnceAfterKillNineAndRestart() {
    // 1: kill once a good number of batches is acknowledged
    killDuring("early", (acks, p) -> acks >= 150);
    // 2: kill only after checkpoints were written while the senders kept going
    killDuring("checkpoints", new IntPredicateWithProcess() {
      long startCount = -1;

      @Override
      public boolean test(int acks, GlasshouseProcess p) {
        long n = checkpointCount(p);
        if (startCount < 0) {
          startCount = n;
        }
        return n >= startCount + 3;
      }
    });
    // 3: kill right after the first acknowledgements following a recovery
    killDuring("fresh", (acks, p) -> acks >= 3);

    GlasshouseProcess last = start("final");
    ReadApi read = new ReadApi(client, last.port);
    Instant now = Instant.now();
    for (IngestLoad load : loads) {
      long counted = load.verify(read, now);
      assertThat(counted).as(load.service).isBetween((long) load.acknowledged.size(), (long) load.sent.size());
    }
    assertThat(last.logText()).contains("recovered");
  }

  interface IntPredicateWithProcess {
    boolean test(int acks, GlasshouseProcess p);
  }

  private void killDuring(String name, IntPredicateWithProcess when) {
    GlasshouseProcess p = start(name);
    ReadApi read = new ReadApi(client, p.port);
    Instant now = Instant.now();
    for (IngestLoad earlier : loads) {
      earlier.verify(read, now); // what the previous kills left is intact after this recovery
    }
    IngestLoad load = new IngestLoad("durable-" + name);
    loads.add(load);
    IntPredicate trigger = acks -> when.test(acks, p);
    load.run(p.port, 6, trigger, p::kill9);
    assertThat(p.awaitExit(Duration.ofSeconds(30))).isEqualTo(137);
    assertThat(load.acknowledged).isNotEmpty();
    System.out.printf("kill -9 '%s': %d requests acknowledged, %d sent%n", name, load.acknowledged.size(),
        load.sent.size());
  }

  private GlasshouseProcess start(String name) {
    GlasshouseProcess p = GlasshouseProcess.serve(dir.resolve("data"), dir.resolve(name + ".log"), ENV);
    processes.add(p);
    return p;
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static long checkpointCount(GlasshouseProcess p) {
    try {
      String body = HTTP.send(HttpRequest.newBuilder(p.uri("/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = CHECKPOINTS.matcher(body);
      return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
