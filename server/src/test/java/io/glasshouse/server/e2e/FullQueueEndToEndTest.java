package io.glasshouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full engine queue answers 503 with {@code Retry-After} through the collector's HTTP endpoint, from the real
 * engine (rollup.queue-capacity), and applies nothing of the refused batch.
 */
class FullQueueEndToEndTest {
  @TempDir
  Path dir;

  private static HttpResponse<Buffer> ingest(InProcessServer s, int samples) {
    JsonArray a = new JsonArray();
    for (int i = 0; i < samples; i++) {
      a.add(new JsonObject().put("metric", "jobs").put("type", "delta_counter").put("value", 1)
          .put("labels", new JsonObject().put("shard", Integer.toString(i % 10))));
    }
    return Await.result(s.client.postAbs(s.url("/api/v1/ingest")).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(new JsonObject().put("service", "api").put("instance", "i-1").put("samples", a)
            .encode())));
  }

  @Test
  void aBatchThatDoesNotFitTheEngineQueueGets503WithRetryAfterAndChangesNothing() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of("queue-capacity", 1000))) {
      HttpResponse<Buffer> full = ingest(s, 1001);

      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(full.getHeader("Retry-After")).isNotNull().matches("[1-9][0-9]*");
      assertThat(full.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(full.bodyAsJsonObject().getString("detail")).contains("queue is full").contains("1000");

      assertThat(ingest(s, 10).statusCode()).isEqualTo(200);
      assertThat(s.read.increaseBy("api", "jobs", s.now(), null)).containsEntry("", 10.0);
    }
  }
}
