package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bodies above decode-on-worker-above-bytes are decompressed and decoded on the worker pool. */
@ExtendWith(VertxExtension.class)
class DecodeOnWorkerTest {
  CollectorServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("decode-on-worker-above-bytes", "4KiB")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static byte[] body(int samples) {
    StringBuilder sb = new StringBuilder("{\"service\":\"a\",\"samples\":[");
    for (int i = 0; i < samples; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric\":\"m").append(i).append("\",\"type\":\"gauge\",\"value\":1}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void smallBodiesStayOnTheEventLoopLargeAndCompressedOnesGoToTheWorkerPool() {
    byte[] small = body(2);
    byte[] large = body(200);
    byte[] compressed = OtlpIngestTest.gzip(body(1_000));
    assertThat(small.length).isLessThan(4096);
    assertThat(large.length).isGreaterThan(4096);
    assertThat(compressed.length).isBetween(4096 / 16 + 1, 4096);

    assertThat(server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json"), small)
        .statusCode()).isEqualTo(200);
    assertThat(server.counter(CollectorMetrics.DECODED_ON_WORKER)).isZero();
    assertThat(server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json"), large)
        .statusCode()).isEqualTo(200);
    assertThat(server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json")
        .putHeader("Content-Encoding", "gzip"), compressed).statusCode()).isEqualTo(200);

    assertThat(server.counter(CollectorMetrics.DECODED_ON_WORKER, "protocol", "json")).isEqualTo(2);
    assertThat(server.sink.samples()).hasSize(2 + 200 + 1_000);
  }
}
