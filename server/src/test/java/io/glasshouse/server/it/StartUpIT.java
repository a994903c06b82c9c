package io.glasshouse.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.GlasshouseProcess;
import io.glasshouse.server.e2e.InProcessServer;
import io.glasshouse.server.e2e.ReadApi;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6, "the server always starts again": the packaged jar restarts after storing awkward label values, a
 * second server on the same data folder exits with a clear message, and a corrupt journal record stops start-up
 * with one line naming the segment and the flag that cuts it, after which the flag lets it start.
 */
class StartUpIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> AWKWARD = List.of("a\u001eb", "a\u001fb", "\u001f\u001e", "nul\u0000x", "",
      "tab\tline\n", "😀 𝄞", "x".repeat(1000), "😀".repeat(500));

  @TempDir
  Path dir;
  final List<GlasshouseProcess> processes = new ArrayList<>();
  final Vertx vertx = Vertx.vertx();
  final WebClient client = WebClient.create(vertx);

  @AfterEach
  void cleanUp() {
    processes.forEach(GlasshouseProcess::close);
    client.close();
    Await.result(vertx.close());
  }

  private GlasshouseProcess serve(String name, String... extra) {
    int port = InProcessServer.freePort();
    List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--data", dir.resolve("data")
        .toString()));
    args.addAll(List.of(extra));
    GlasshouseProcess p = GlasshouseProcess.start(dir.resolve(name + ".log"), Map.of(), port, args.toArray(String[]::new));
    processes.add(p);
    return p;
  }

  private static int ingest(GlasshouseProcess p, String path, double value) {
    JsonObject body = new JsonObject().put("service", "api").put("instance", "i-1").put("samples", new JsonArray()
        .add(new JsonObject().put("metric", "req").put("type", "delta_counter").put("value", value)
            .put("labels", new JsonObject().put("path", path))));
    try {
      return HTTP.send(HttpRequest.newBuilder(p.uri("/api/v1/ingest")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void theServerStartsAgainAfterAwkwardLabelValuesAndStopsWithOneLineOnACorruptJournal() throws IOException {
    GlasshouseProcess first = serve("first");
    first.awaitReady();
    for (String v : AWKWARD) {
      assertThat(ingest(first, v, 1)).as("ingest of %s", v).isEqualTo(200);
    }

    GlasshouseProcess intruder = serve("second-on-same-folder");
    assertThat(intruder.awaitExit(Duration.ofSeconds(60))).isNotZero();
    assertThat(intruder.logText()).contains("in use by another Glasshouse process").doesNotContain("\tat ");

    first.terminate(); // graceful: a checkpoint stores the awkward labels
    assertThat(first.awaitExit(Duration.ofSeconds(60))).isZero();

    GlasshouseProcess again = serve("again");
    again.awaitReady();
    Map<String, Double> byPath = new ReadApi(client, again.port).increaseBy("api", "req", Instant.now(), "path");
    assertThat(byPath.keySet()).containsExactlyInAnyOrderElementsOf(AWKWARD);
    for (int i = 0; i < 3; i++) {
      assertThat(ingest(again, "/after", 10)).isEqualTo(200);
    }
    again.kill9();
    again.awaitExit(Duration.ofSeconds(30));

    Path segment = newestNonEmptySegment();
    try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
      f.seek(30); // inside the first of three records
      int b = f.read();
      f.seek(30);
      f.write(b ^ 0x5a);
    }

    GlasshouseProcess refused = serve("corrupt");
    assertThat(refused.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
    String out = refused.logText();
    assertThat(out).doesNotContain("\tat ");
    assertThat(out.lines().filter(l -> l.startsWith("glasshouse: could not start:")).toList()).singleElement()
        .satisfies(line -> assertThat(line).contains(segment.getFileName().toString()).contains("byte offset 0")
            .contains("--journal-cut-at-corruption"));

    GlasshouseProcess cut = serve("cut", "--journal-cut-at-corruption");
    cut.awaitReady();
    assertThat(cut.logText()).contains("cutting");
  }

  private Path newestNonEmptySegment() throws IOException {
    try (var s = Files.list(dir.resolve("data").resolve("journal"))) {
      return s.filter(p -> p.toString().endsWith(".wal")).filter(p -> p.toFile().length() > 0).sorted()
          .reduce((a, b) -> b).orElseThrow();
    }
  }
}
