package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class InFlightLimitTest {
  static final String BODY = "{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\",\"value\":1}]}";

  CollectorServer server;
  final List<Promise<IngestResult>> pending = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject().put("max-in-flight-requests", 1)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsBeyondTheInFlightBoundGet503WithRetryAfterUntilASlotFrees() {
    Promise<IngestResult> slow = Promise.promise();
    server.sink.answerWith(samples -> slow.future());
    Future<HttpResponse<Buffer>> first = server.post("/api/v1/ingest").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(BODY));
    server.sink.awaitCalls(1);

    HttpResponse<Buffer> second = server.send(server.post("/api/v1/ingest")
        .putHeader("Content-Type", "application/json"), BODY.getBytes());

    assertProblem(second, 503);
    assertThat(second.getHeader("Retry-After")).isEqualTo("1");
    slow.complete(IngestResult.all(1));
    assertThat(CollectorServer.await(first).statusCode()).isEqualTo(200);
    server.sink.answer(s -> IngestResult.all(s.size()));
    HttpResponse<Buffer> third = server.send(server.post("/api/v1/ingest")
        .putHeader("Content-Type", "application/json"), BODY.getBytes());
    assertThat(third.statusCode()).isEqualTo(200);
  }
}
