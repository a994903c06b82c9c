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
 * Issue 6: what the real engine refuses reaches the sender and {@code /metrics}. An atomic JSON batch holding a
 * sample older than {@code rollup.late-window} is refused whole (it used to answer 200 and drop it silently);
 * a new instance over {@code rollup.max-instances-per-service} is refused naming the key.
 */
class EngineRefusalsEndToEndTest {
  @TempDir
  Path dir;

  private static HttpResponse<Buffer> ingest(InProcessServer s, String instance, long... timestamps) {
    JsonArray samples = new JsonArray();
    for (long t : timestamps) {
      samples.add(new JsonObject().put("metric", "jobs").put("type", "delta_counter").put("value", 1)
          .put("timestamp", t));
    }
    return Await.result(s.client.postAbs(s.url("/api/v1/ingest")).putHeader("Content-Type", "application/json")
        .sendBuffer(new JsonObject().put("service", "api").put("instance", instance).put("samples", samples)
            .toBuffer()));
  }

  private static String metrics(InProcessServer s) {
    return Await.result(s.client.getAbs(s.url("/metrics")).send()).bodyAsString();
  }

  @Test
  void tooLateAndInstanceLimitRefuseTheBatchAndAreCountedByReason() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
    try (InProcessServer s = InProcessServer.start(clock, dir, Map.of("late-window", "10m",
        "max-instances-per-service", 1))) {
      long now = clock.millis();
      HttpResponse<Buffer> late = ingest(s, "i-1", now, now - 30 * 60_000L); // within collector.past-window (1h)
      assertThat(late.statusCode()).isEqualTo(400);
      JsonObject problem = late.bodyAsJsonObject();
      assertThat(problem.getString("detail")).contains("rollup.late-window").contains("nothing in it was applied");
      assertThat(problem.getJsonArray("errors").getJsonObject(0).getString("reason")).isEqualTo("too_late");
      assertThat(s.read.services().getJsonArray("services")).isEmpty(); // nothing applied, not even the instance

      assertThat(ingest(s, "i-1", now).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> second = ingest(s, "i-2", now);
      assertThat(second.statusCode()).isEqualTo(429);
      assertThat(second.bodyAsJsonObject().getString("detail")).contains("rollup.max-instances-per-service");

      assertThat(metrics(s))
          .contains("glasshouse_ingest_samples_rejected_total{protocol=\"json\",reason=\"too_late\"} 1.0")
          .contains("glasshouse_ingest_samples_rejected_total{protocol=\"json\",reason=\"batch_rejected\"} 1.0")
          .contains("glasshouse_ingest_samples_rejected_total{protocol=\"json\",reason=\"instance_limit\"} 1.0")
          .contains("glasshouse_rollup_instances");
    }
  }
}
