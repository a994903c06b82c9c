package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static io.glasshouse.collector.Problems.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The minor bad-input findings of issue 6: each refused with a problem a person can act on. */
@ExtendWith(VertxExtension.class)
class MalformedInputTest {
  CollectorServer server;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.DEFAULT);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> json(byte[] body) {
    return server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json"), body);
  }

  private static void assertNoJavaNames(String detail) {
    assertThat(detail).doesNotContainPattern("java\\.|javax\\.|com\\.google\\.|Exception|Error\\b");
  }

  @Test
  void invalidContentLengthGetsA400ProblemWithABody() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /api/v1/ingest HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 12abc\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
          .contains("Content-Length is one decimal number");
    }
  }

  @Test
  void truncatedGzipAndBrokenOtlpJsonDetailsNameNoJavaException() {
    byte[] gz = OtlpIngestTest.gzip("{\"service\":\"a\",\"samples\":[]}".getBytes(StandardCharsets.UTF_8));
    JsonObject gzip = assertProblem(server.send(server.post("/api/v1/ingest").putHeader("Content-Type",
        "application/json").putHeader("Content-Encoding", "gzip"), Arrays.copyOf(gz, gz.length - 6)), 400);
    HttpResponse<Buffer> otlp = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        "{\"resourceMetrics\":[{\"scopeMetrics\":[".getBytes(StandardCharsets.UTF_8));

    assertThat(gzip.getString("detail")).contains("gzip");
    assertNoJavaNames(gzip.getString("detail"));
    assertThat(otlp.statusCode()).isEqualTo(400);
    assertNoJavaNames(otlp.bodyAsJsonObject().getString("message"));
  }

  @Test
  void engineFailingWithOutOfMemoryIsA500ThatNamesNoJavaClass() {
    server.sink.answerWith(s -> Future.failedFuture(new OutOfMemoryError("Java heap space")));

    JsonObject p = assertProblem(json("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1}]}""".getBytes()), 500);

    assertNoJavaNames(p.getString("detail"));
    assertThat(p.getString("detail")).contains("log");
  }

  @Test
  void otlpJsonWithInvalidUtf8IsRefusedLikeProtobuf() {
    byte[] body = ("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
        + "{\"stringValue\":\"a\u0001\"}}]}}]}").getBytes(StandardCharsets.UTF_8);
    body[indexOf(body, (byte) 1)] = (byte) 0xC3; // a UTF-8 lead byte without its continuation byte

    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("UTF-8");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void jsonLoneSurrogateOrObjectLabelValuesAreRefusedNotStoredAsQuestionMarkOrEmpty() {
    JsonObject surrogate = assertProblem(json("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1, "labels": {"x": "\\ud800"}}]}"""
        .getBytes(StandardCharsets.UTF_8)), 400);
    JsonObject object = assertProblem(json("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1, "labels": {"x": {"y": 1}}}]}"""
        .getBytes(StandardCharsets.UTF_8)), 400);
    JsonObject topLevel = assertProblem(json("""
        {"service": "a", "labels": {"x": [1]}, "samples": [{"metric": "m", "type": "gauge", "value": 1}]}"""
        .getBytes(StandardCharsets.UTF_8)), 400);

    assertThat(reasons(surrogate)).containsExactly("invalid_label_value");
    assertThat(reasons(object)).containsExactly("invalid_label_value");
    assertThat(object.getString("detail")).contains("object for label 'x'");
    assertThat(topLevel.getString("detail")).contains("array for label 'x'");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void newRequestsWhileDrainingGet503WithRetryAfter() {
    server.mounted.startDraining();

    HttpResponse<Buffer> r = json("""
        {"service": "a", "samples": [{"metric": "m", "type": "gauge", "value": 1}]}""".getBytes());

    JsonObject p = assertProblem(r, 503);
    assertThat(p.getString("detail")).contains("shutting down");
    assertThat(r.getHeader("Retry-After")).isEqualTo("1");
    assertThat(server.sink.batches).isEmpty();
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }
}
