package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Small bodies that would expand to huge numbers of objects are refused with 413 before they are built. */
@ExtendWith(VertxExtension.class)
class AllocationBombTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  CollectorServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  private void start(Vertx vertx, JsonObject config) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(config));
  }

  @Test
  void smallGzipOtlpBodyWithAnExponentialHistogramOf60MillionEmptyBucketsIs413(Vertx vertx) throws IOException {
    start(vertx, new JsonObject());
    byte[] body = exponentialHistogramBomb(60_000_000);
    assertThat(body.length).isLessThan(100_000);

    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/x-protobuf")
        .putHeader("Content-Encoding", "gzip"), body);

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsString()).contains("2048").contains("collector.max-buckets-per-histogram");
    assertThat(server.sink.batches).isEmpty();
    assertThat(server.counter(CollectorMetrics.REFUSED, "reason", "request_too_large")).isEqualTo(1);
  }

  @Test
  void smallGzipJsonBodyOf1point1MillionSamplesIs413(Vertx vertx) {
    start(vertx, new JsonObject());
    StringBuilder sb = new StringBuilder("{\"service\":\"a\",\"instance\":\"i\",\"samples\":[");
    for (int i = 0; i < 1_100_000; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"metric\":\"m\",\"type\":\"gauge\",\"value\":1}");
    }
    byte[] body = OtlpIngestTest.gzip(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    assertThat(body.length).isLessThan(1_000_000);

    JsonObject p = assertProblem(server.send(server.post("/api/v1/ingest").putHeader("Content-Type",
        "application/json").putHeader("Content-Encoding", "gzip"), body), 413);

    assertThat(p.getString("detail")).contains("100000").contains("collector.max-samples-per-request");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void snappyBodyDeclaringAHugeLengthIs413BeforeAllocating(Vertx vertx) {
    start(vertx, new JsonObject());
    // Snappy block format: the uncompressed length as a varint (here 2^31 - 1), then the compressed data.
    byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00, 0x01, 0x02};

    JsonObject p = assertProblem(new RemoteWriteClient(server).sendRaw(body), 413);

    assertThat(p.getString("detail")).contains(Long.toString(64L << 20)).contains("collector.max-decompressed-bytes");
  }

  @Test
  void remoteWriteWithMoreSamplesThanTheLimitIs413(Vertx vertx) {
    start(vertx, new JsonObject().put("max-samples-per-request", 2));
    WriteRequest.Builder req = WriteRequest.newBuilder();
    for (int i = 0; i < 3; i++) {
      req.addTimeseries(RemoteWriteClient.series(i, T, "__name__", "g" + i, "job", "a"));
    }

    JsonObject p = assertProblem(new RemoteWriteClient(server).write(req.build()), 413);

    assertThat(p.getString("detail")).contains("more than 2 samples");
  }

  @Test
  void otlpJsonHistogramWithMoreBucketsThanTheLimitIs413AndTheRequestTotalIsBoundedToo(Vertx vertx) {
    start(vertx, new JsonObject().put("max-buckets-per-histogram", 4).put("max-buckets-per-request", 6));
    String point = "{\"timeUnixNano\":\"%d\",\"count\":\"0\",\"explicitBounds\":[1,2,3],\"bucketCounts\":[%s]}";
    String five = "\"0\",\"0\",\"0\",\"0\",\"0\"";
    String four = "\"0\",\"0\",\"0\",\"0\"";
    String body = "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"h\",\"histogram\":"
        + "{\"aggregationTemporality\":1,\"dataPoints\":[%s]}}]}]}]}";

    HttpResponse<Buffer> perHistogram = otlpJson(body.formatted(point.formatted(T * 1_000_000, five)));
    HttpResponse<Buffer> perRequest = otlpJson(body.formatted(point.formatted(T * 1_000_000, four) + ","
        + point.formatted(T * 1_000_000, four)));

    assertThat(perHistogram.statusCode()).isEqualTo(413);
    assertThat(perHistogram.bodyAsJsonObject().getString("message")).contains("more than 4 buckets");
    assertThat(perRequest.statusCode()).isEqualTo(413);
    assertThat(perRequest.bodyAsJsonObject().getString("message")).contains("more than 6 buckets in all");
  }

  @Test
  void bodiesOfManyEmptySeriesOrLabelsAre413OnTheValuesLimit(Vertx vertx) {
    start(vertx, new JsonObject().put("max-values-per-request", 1_000));
    WriteRequest.Builder empty = WriteRequest.newBuilder();
    for (int i = 0; i < 1_001; i++) {
      empty.addTimeseries(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries.getDefaultInstance());
    }
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\":\"v\"");
    }

    JsonObject remoteWrite = assertProblem(new RemoteWriteClient(server).write(empty.build()), 413);
    JsonObject json = assertProblem(server.send(server.post("/api/v1/ingest").putHeader("Content-Type",
        "application/json"), ("{\"service\":\"a\",\"samples\":[{\"metric\":\"m\",\"type\":\"gauge\","
        + "\"value\":1,\"labels\":{" + labels + "}}]}").getBytes(StandardCharsets.UTF_8)), 413);

    assertThat(remoteWrite.getString("detail")).contains("more than 1000 values")
        .contains("collector.max-values-per-request");
    assertThat(json.getString("detail")).contains("collector.max-values-per-request");
    assertThat(server.sink.batches).isEmpty();
  }

  private HttpResponse<Buffer> otlpJson(String body) {
    return server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An OTLP request with one exponential histogram point whose positive range has {@code n} empty buckets,
   * gzip-compressed while it is written, so the test never holds the expanded body.
   */
  static byte[] exponentialHistogramBomb(int n) throws IOException {
    byte[] point = ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setScale(0).build()
        .toByteArray();
    byte[] histogram = ExponentialHistogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).build().toByteArray();
    byte[] metric = Metric.newBuilder().setName("bomb").build().toByteArray();
    byte[] resource = ResourceMetrics.newBuilder(OtlpIngestTest.resource("checkout").build()).build().toByteArray();
    int bucketsLen = field(2, n);
    int pointLen = point.length + field(8, bucketsLen);
    int histogramLen = histogram.length + field(1, pointLen);
    int metricLen = metric.length + field(10, histogramLen);
    int scopeLen = field(2, metricLen);
    int resourceLen = resource.length + field(2, scopeLen);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
      CodedOutputStream out = CodedOutputStream.newInstance(gz);
      header(out, 1, resourceLen);
      out.writeRawBytes(resource);
      header(out, 2, scopeLen);
      header(out, 2, metricLen);
      out.writeRawBytes(metric);
      header(out, 10, histogramLen);
      out.writeRawBytes(histogram);
      header(out, 1, pointLen);
      out.writeRawBytes(point);
      header(out, 8, bucketsLen);
      header(out, 2, n); // packed bucket_counts: n varints of 0
      byte[] zeros = new byte[1 << 16];
      for (int left = n; left > 0; left -= zeros.length) {
        out.writeRawBytes(zeros, 0, Math.min(left, zeros.length));
      }
      out.flush();
    }
    return bytes.toByteArray();
  }

  /** Size of a length-delimited field holding {@code length} bytes. */
  private static int field(int number, int length) {
    return CodedOutputStream.computeTagSize(number) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
  }

  private static void header(CodedOutputStream out, int number, int length) throws IOException {
    out.writeTag(number, 2);
    out.writeUInt32NoTag(length);
  }
}
