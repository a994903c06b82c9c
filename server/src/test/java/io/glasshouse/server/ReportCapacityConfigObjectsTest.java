package io.glasshouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report capacity} on a stopped server's folder reports the indicators created through the config API too. */
class ReportCapacityConfigObjectsTest {
  @TempDir
  Path dir;

  @Test
  void indicatorsCreatedThroughTheConfigApiAreInTheOfflineReport() throws Exception {
    JsonObject fileDisk = new JsonObject().put("name", "file-disk").put("service", "api")
        .put("metric", "disk_used_bytes").put("fn", "max").put("capacity", new JsonObject().put("absolute", 5e11));
    Path data = dir.resolve("data");
    try (InProcessServer s = InProcessServer.start(new ManualClock(Instant.parse("2026-11-29T12:00:00Z")), data,
        Map.of(), c -> {
          c.override("server", "tokens", new JsonArray().add("ops:ops-secret:admin"));
          c.override("capacity", "indicators", new JsonArray().add(fileDisk));
        })) {
      var created = Await.result(s.client.postAbs(s.url("/api/v1/config/capacity-indicator"))
          .putHeader("Authorization", "Bearer ops-secret").putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(fileDisk.copy().put("name", "api-disk").encode())));
      assertThat(created.statusCode()).isEqualTo(201);
    }
    Path config = dir.resolve("glasshouse.yaml");
    Files.writeString(config, "capacity:\n  indicators:\n    - " + fileDisk.encode() + "\n");
    Path out = dir.resolve("cap.json");
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = Main.run(new String[] {"report", "capacity", "--config", config.toString(), "--data", data.toString(),
        "--out", out.toString()}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(new JsonObject(Files.readString(out)).getJsonArray("indicators").stream()
        .map(o -> ((JsonObject) o).getString("name")).toList()).containsExactlyInAnyOrder("file-disk", "api-disk");
  }
}
