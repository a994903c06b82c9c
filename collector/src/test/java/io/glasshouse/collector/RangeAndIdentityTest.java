package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static io.glasshouse.collector.Problems.reasons;
import static io.glasshouse.collector.RemoteWriteClient.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Counts out of range and cumulative input without an instance, over every protocol (issue 6). */
@ExtendWith(VertxExtension.class)
class RangeAndIdentityTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  CollectorServer server;
  RemoteWriteClient remoteWrite;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.DEFAULT);
    remoteWrite = new RemoteWriteClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> json(String body) {
    return server.send(server.post("/api/v1/ingest").putHeader("Content-Type", "application/json"), body.getBytes());
  }

  private ExportMetricsServiceResponse otlp(ExportMetricsServiceRequest request) throws Exception {
    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type",
        "application/x-protobuf"), request.toByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return ExportMetricsServiceResponse.parseFrom(r.body() == null ? new byte[0] : r.body().getBytes());
  }

  private static ExportMetricsServiceRequest otlpRequest(boolean withInstance, Metric metric) {
    ResourceMetrics.Builder rm = OtlpIngestTest.resource("checkout");
    if (withInstance) {
      rm.getResourceBuilder().addAttributes(KeyValue.newBuilder().setKey("service.instance.id")
          .setValue(AnyValue.newBuilder().setStringValue("i-1")));
    }
    return OtlpIngestTest.request(rm.addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(metric)).build());
  }

  private static Metric sum(String name, AggregationTemporality temporality, double value) {
    return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().setIsMonotonic(true)
        .setAggregationTemporality(temporality).addDataPoints(NumberDataPoint.newBuilder()
            .setStartTimeUnixNano((T - 60_000) * 1_000_000).setTimeUnixNano(T * 1_000_000).setAsDouble(value)))
        .build();
  }

  @Test
  void jsonDeltaHistogramsNear2To63AreRefusedInsteadOfWrappingInTheEngine() {
    JsonObject p = assertProblem(json("""
        {"service": "a", "instance": "i-1", "samples": [
          {"metric": "h", "type": "histogram", "temporality": "delta", "buckets": {"+Inf": 9e18}},
          {"metric": "h", "type": "histogram", "temporality": "delta", "buckets": {"+Inf": 9e18}}]}"""), 400);

    assertThat(reasons(p)).containsExactly("count_out_of_range");
    assertThat(p.getString("detail")).contains("2^53");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void jsonCumulativeCounterFromTenToMinusAMillionIsRefused() {
    assertThat(json("""
        {"service": "a", "instance": "i-1", "samples": [{"metric": "c", "type": "counter", "value": 10}]}""")
        .statusCode()).isEqualTo(200);

    JsonObject p = assertProblem(json("""
        {"service": "a", "instance": "i-1", "samples": [{"metric": "c", "type": "counter", "value": -1000000}]}"""),
        400);

    assertThat(reasons(p)).containsExactly("negative_counter");
    assertThat(server.sink.batches).hasSize(1);
  }

  @Test
  void otlpBucketCountsOf2To62AreRefusedNotSummedIntoANegativeCount() throws Exception {
    long big = 1L << 62;
    Metric h = Metric.newBuilder().setName("latency").setUnit("s").setHistogram(Histogram.newBuilder()
        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
        .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000)
            .addExplicitBounds(0.1).addBucketCounts(big).addBucketCounts(big).setCount(big + big))).build();

    ExportMetricsServiceResponse r = otlp(otlpRequest(true, h));

    assertThat(r.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(r.getPartialSuccess().getErrorMessage()).contains("count_out_of_range");
    assertThat(server.sink.samples()).isEmpty();
  }

  @Test
  void remoteWriteHistogramCountAbove2To53IsRefused() {
    String[] l = {"job", "api", "instance", "i-1"};
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(1e19, T, concat(l, "__name__", "rpc_seconds_bucket", "le", "+Inf")))
        .addTimeseries(series(1e19, T, concat(l, "__name__", "rpc_seconds_count")))
        .addTimeseries(series(5, T, concat(l, "__name__", "rpc_seconds_sum")))
        .build();

    JsonObject p = assertProblem(remoteWrite.write(req), 400);

    assertThat(reasons(p)).containsExactly("count_out_of_range");
  }

  @Test
  void remoteWriteCounterWithoutInstanceIsRefusedGaugeIsNot() {
    JsonObject p = assertProblem(remoteWrite.write(WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "requests_total", "job", "api")).build()), 400);
    assertThat(reasons(p)).containsExactly("missing_instance");
    assertThat(p.getString("detail")).contains("instance label");

    assertThat(remoteWrite.write(WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "queue_depth", "job", "api")).build()).statusCode()).isEqualTo(204);
  }

  @Test
  void otlpCumulativeSumWithoutServiceInstanceIdIsRefusedDeltaIsAccepted() throws Exception {
    ExportMetricsServiceResponse cumulative = otlp(otlpRequest(false,
        sum("orders", AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE, 5)));
    ExportMetricsServiceResponse delta = otlp(otlpRequest(false,
        sum("orders", AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA, 5)));

    assertThat(cumulative.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(cumulative.getPartialSuccess().getErrorMessage()).contains("missing_instance")
        .contains("service.instance.id");
    assertThat(delta.hasPartialSuccess()).isFalse();
    assertThat(server.sink.only("orders").value()).isEqualTo(5);
  }

  @Test
  void jsonCounterWithoutInstanceIsRefusedDeltaCounterIsAccepted() {
    JsonObject p = assertProblem(json("""
        {"service": "a", "samples": [{"metric": "c", "type": "counter", "value": 1}]}"""), 400);
    assertThat(reasons(p)).containsExactly("missing_instance");

    assertThat(json("""
        {"service": "a", "samples": [{"metric": "c", "type": "delta_counter", "value": 1}]}""").statusCode())
        .isEqualTo(200);
  }

  static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
