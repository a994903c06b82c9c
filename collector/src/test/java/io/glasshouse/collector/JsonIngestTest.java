package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static io.glasshouse.collector.Problems.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class JsonIngestTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  CollectorServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("max-body-bytes", "64KiB").put("max-decompressed-bytes", "256KiB")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everySampleTypeIsAcceptedWithTopLevelServiceInstanceAndLabels() {
    String body = """
        {"service": "checkout", "instance": "i-1", "labels": {"region": "eu"},
         "samples": [
           {"metric": "http_requests", "type": "counter", "value": 3, "labels": {"status": "200"},
            "timestamp": "2026-11-27T11:59:00Z"},
           {"metric": "jobs_done", "type": "delta_counter", "value": 2, "timestamp": %d},
           {"metric": "queue_depth", "type": "gauge", "value": 7},
           {"metric": "latency_seconds", "type": "histogram",
            "buckets": {"0.1": 3, "0.5": 7, "+Inf": 9}, "sum": 1.2},
           {"metric": "think_seconds", "type": "histogram", "values": [0.3, 0.12, 0.3]}]}
        """.formatted(T - 1000);

    HttpResponse<Buffer> r = send(body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 5));
    Labels base = Labels.of("service", "checkout", "instance", "i-1", "region", "eu");
    assertThat(server.sink.batches).singleElement().satisfies(b -> {
      assertThat(b.protocol()).isEqualTo(Protocol.JSON);
      assertThat(b.atomic()).isTrue();
    });
    assertThat(server.sink.only("http_requests"))
        .isEqualTo(Sample.counter("http_requests", base.with("status", "200"), T - 60_000, 3));
    assertThat(server.sink.only("jobs_done")).isEqualTo(Sample.deltaCounter("jobs_done", base, T - 1000, 2));
    assertThat(server.sink.only("queue_depth")).isEqualTo(Sample.gauge("queue_depth", base, T, 7));
    assertThat(server.sink.only("latency_seconds")).isEqualTo(Sample.histogram("latency_seconds", base, T,
        Temporality.CUMULATIVE, new Buckets(new double[] {0.1, 0.5}, new long[] {3, 4, 2}, 9, 1.2)));
    assertThat(server.sink.only("think_seconds")).isEqualTo(Sample.histogram("think_seconds", base, T,
        Temporality.DELTA, new Buckets(new double[] {0.12, 0.3}, new long[] {1, 2, 0}, 3, 0.72)));
  }

  @Test
  void gzipBodyIsAccepted() {
    byte[] body = OtlpIngestTest.gzip(
        "{\"service\":\"a\",\"samples\":[{\"metric\":\"up\",\"type\":\"gauge\",\"value\":1}]}".getBytes());

    HttpResponse<Buffer> r = server.send(request().putHeader("Content-Encoding", "gzip"), body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.sink.only("up").value()).isEqualTo(1);
  }

  @Test
  void sampleWithoutServiceRejectsTheBatchNamingTheField() {
    JsonObject p = assertProblem(send("""
        {"samples": [{"metric": "up", "type": "gauge", "value": 1}]}"""), 400);

    assertThat(reasons(p)).containsExactly("missing_service");
    assertThat(p.getString("detail")).contains("\"service\" field");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void oneBadSampleRejectsTheWholeBatch() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "samples": [
          {"metric": "ok", "type": "gauge", "value": 1},
          {"metric": "late", "type": "gauge", "value": 1, "timestamp": "2026-11-27T12:30:00Z"}]}"""), 400);

    assertThat(reasons(p)).containsExactly("in_future");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void tooOldSampleIs400() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1, "timestamp": 0}]}"""), 400);

    assertThat(reasons(p)).containsExactly("too_old");
  }

  @Test
  void duplicateLabelNamesAre400() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1,
          "labels": {"zone": "x", "zone": "y"}}]}"""), 400);

    assertThat(p.getString("detail")).contains("Duplicate field 'zone'");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void serviceGivenTwiceIsADuplicateLabel() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "labels": {"service": "b"}, "samples": [{"metric": "m", "type": "gauge", "value": 1}]}"""),
        400);

    assertThat(reasons(p)).containsExactly("duplicate_label");
  }

  @Test
  void negativeDeltaCounterIs400() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "samples": [{"metric": "m", "type": "delta_counter", "value": -1}]}"""), 400);

    assertThat(reasons(p)).containsExactly("negative_delta");
  }

  @Test
  void unknownTypeIs400() {
    JsonObject p = assertProblem(send("""
        {"service": "a", "samples": [{"metric": "m", "type": "meter", "value": 1}]}"""), 400);

    assertThat(reasons(p)).containsExactly("unsupported_point");
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("detail")).startsWith("samples[0]");
  }

  @Test
  void malformedJsonIs400() {
    assertThat(assertProblem(send("{\"samples\": ["), 400).getString("detail")).contains("JSON");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void nanInJsonIsUndecodable() {
    assertProblem(send("{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\",\"value\":NaN}]}"), 400);
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void formContentTypeIs415WithTheCurlFix() {
    HttpResponse<Buffer> r = server.send(server.post("/api/v1/ingest")
        .putHeader("Content-Type", "application/x-www-form-urlencoded"), "{}".getBytes());

    assertThat(assertProblem(r, 415).getString("detail")).contains("application/json");
  }

  @Test
  void unknownContentEncodingIs415() {
    HttpResponse<Buffer> r = server.send(request().putHeader("Content-Encoding", "br"), "{}".getBytes());

    assertProblem(r, 415);
  }

  @Test
  void gzipBombIs413AndNothingReachesTheSink() {
    byte[] bomb = OtlpIngestTest.gzip(new byte[2 * 1024 * 1024]);
    assertThat(bomb.length).isLessThan(64 * 1024);

    HttpResponse<Buffer> r = server.send(request().putHeader("Content-Encoding", "gzip"), bomb);

    assertThat(assertProblem(r, 413).getString("detail")).contains("collector.max-decompressed-bytes");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void badGzipIs400() {
    HttpResponse<Buffer> r = server.send(request().putHeader("Content-Encoding", "gzip"), "nope".getBytes());

    assertThat(assertProblem(r, 400).getString("detail")).contains("gzip");
  }

  @Test
  void bodyOverLimitIs413() {
    assertProblem(server.send(request(), new byte[100 * 1024]), 413);
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void overloadIs503WithRetryAfter() {
    server.sink.failWith(new io.glasshouse.rollup.ingest.OverloadedException("full", Duration.ofMillis(1500)));

    HttpResponse<Buffer> r = send("{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\",\"value\":1}]}");

    assertProblem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("2");
  }

  private HttpRequest<Buffer> request() {
    return server.post("/api/v1/ingest").putHeader("Content-Type", "application/json");
  }

  private HttpResponse<Buffer> send(String body) {
    return server.send(request(), body.getBytes());
  }
}
