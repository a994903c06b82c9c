package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class IngestTokensTest {
  static final long T = CollectorServer.NOW.toEpochMilli();
  static final String JSON_BODY = "{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\",\"value\":1}]}";

  CollectorServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("ingest-tokens", new JsonArray().add("old-token").add("s3cret-token"))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void missingTokenIs401WithBearerChallenge() {
    HttpResponse<Buffer> r = server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json"),
        JSON_BODY.getBytes());

    assertThat(assertProblem(r, 401).getString("detail")).contains("Authorization: Bearer");
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void wrongTokenIs401OnRemoteWrite() {
    RemoteWriteClient client = new RemoteWriteClient(server);
    client.token = "s3cret-tokeX";

    HttpResponse<Buffer> r = client.write(WriteRequest.newBuilder()
        .addTimeseries(RemoteWriteClient.series(1, T, "__name__", "up", "job", "a")).build());

    assertProblem(r, 401);
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void anyConfiguredTokenIsAccepted() {
    RemoteWriteClient client = new RemoteWriteClient(server);
    client.token = "old-token";
    assertThat(client.write(WriteRequest.newBuilder()
        .addTimeseries(RemoteWriteClient.series(1, T, "__name__", "up", "job", "a")).build()).statusCode())
        .isEqualTo(204);

    HttpResponse<Buffer> r = server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json")
        .putHeader("Authorization", "Bearer s3cret-token"), JSON_BODY.getBytes());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.sink.batches).hasSize(2);
  }

  @Test
  void otlpWithoutTokenIs401WithStatusBody() {
    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        "{}".getBytes());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.bodyAsJsonObject().getInteger("code")).isEqualTo(16);
  }

  @Test
  void micrometerWithTokenHeaderIsAccepted() {
    MicrometerOtlpClient micrometer = new MicrometerOtlpClient(MicrometerOtlpClient.config(
        server.url("/v1/metrics"), AggregationTemporality.CUMULATIVE, CompressionMode.NONE,
        Map.of("Authorization", "Bearer s3cret-token")), server.clock);
    try {
      micrometer.counter("logins").increment();
      micrometer.publishNow();
      assertThat(server.sink.only("logins").value()).isEqualTo(1);
    } finally {
      micrometer.close();
    }
  }
}
