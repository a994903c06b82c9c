package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.collector.otlp.proto.RpcStatusProto;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class OtlpIngestTest {
  static final long T = CollectorServer.NOW.toEpochMilli();
  static final Labels RESOURCE = Labels.of("service", "checkout", "instance", "i-1", "deployment_environment", "prod");

  CollectorServer server;
  MicrometerOtlpClient micrometer;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.DEFAULT);
  }

  @AfterEach
  void stop() {
    if (micrometer != null) {
      micrometer.close();
    }
    server.close();
  }

  @Test
  void micrometerCumulativeCountersGaugesTimersAndSummariesArriveAsSamples() {
    micrometer = new MicrometerOtlpClient(MicrometerOtlpClient.config(server.url("/v1/metrics"),
        AggregationTemporality.CUMULATIVE, CompressionMode.NONE, Map.of()), server.clock);
    record(micrometer);

    micrometer.publishNow();

    assertThat(server.sink.batches).isNotEmpty().allSatisfy(b -> {
      assertThat(b.protocol()).isEqualTo(Protocol.OTLP);
      assertThat(b.atomic()).isFalse();
    });
    Sample orders = server.sink.only("orders_placed");
    assertThat(orders.kind()).isEqualTo(MetricKind.COUNTER);
    assertThat(orders.temporality()).isEqualTo(Temporality.CUMULATIVE);
    assertThat(orders.value()).isEqualTo(3);
    assertThat(orders.labels()).isEqualTo(RESOURCE.with("region", "eu"));
    assertThat(orders.timestampMs()).isEqualTo(T);

    assertThat(server.sink.only("queue_depth")).satisfies(g -> {
      assertThat(g.kind()).isEqualTo(MetricKind.GAUGE);
      assertThat(g.value()).isEqualTo(12);
      assertThat(g.service()).isEqualTo("checkout");
      assertThat(g.instance()).isEqualTo("i-1");
    });

    Sample timer = server.sink.only("http_server_requests");
    assertThat(timer.kind()).isEqualTo(MetricKind.HISTOGRAM);
    assertThat(timer.temporality()).isEqualTo(Temporality.CUMULATIVE);
    assertThat(timer.labels()).isEqualTo(RESOURCE.with("uri", "/pay"));
    assertThat(timer.buckets().upperBounds()).containsExactly(new double[] {0.1, 0.5}, within(1e-12));
    assertThat(timer.buckets().counts()).containsExactly(1, 1, 1);
    assertThat(timer.buckets().count()).isEqualTo(3);
    assertThat(timer.buckets().sum()).isCloseTo(0.95, within(1e-9));

    Sample payload = server.sink.only("payload_size");
    assertThat(payload.buckets().upperBounds()).containsExactly(1000, 5000);
    assertThat(payload.buckets().counts()).containsExactly(1, 1, 0);
    assertThat(payload.buckets().sum()).isEqualTo(2500);
  }

  @Test
  void micrometerDeltaTemporalityArrivesAsDeltaCountersAndHistograms() {
    micrometer = new MicrometerOtlpClient(MicrometerOtlpClient.config(server.url("/v1/metrics"),
        AggregationTemporality.DELTA, CompressionMode.NONE, Map.of()), server.clock);
    record(micrometer);
    server.clock.add(Duration.ofMinutes(1)); // close the step so its values are published

    micrometer.publishNow();

    Sample orders = server.sink.only("orders_placed");
    assertThat(orders.temporality()).isEqualTo(Temporality.DELTA);
    assertThat(orders.value()).isEqualTo(3);
    Sample timer = server.sink.only("http_server_requests");
    assertThat(timer.temporality()).isEqualTo(Temporality.DELTA);
    assertThat(timer.buckets().counts()).containsExactly(1, 1, 1);
    assertThat(timer.buckets().sum()).isCloseTo(0.95, within(1e-9));
  }

  @Test
  void micrometerGzipBodiesAreDecompressed() {
    micrometer = new MicrometerOtlpClient(MicrometerOtlpClient.config(server.url("/v1/metrics"),
        AggregationTemporality.CUMULATIVE, CompressionMode.GZIP, Map.of()), server.clock);
    record(micrometer);

    micrometer.publishNow();

    assertThat(server.sink.only("orders_placed").value()).isEqualTo(3);
  }

  @Test
  void otlpJsonBodyIsDecodedAndAnsweredInJson() {
    String body = """
        {"resourceMetrics":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"search"}},
            {"key":"service.instance.id","value":{"stringValue":"i-7"}}]},
          "scopeMetrics":[{"metrics":[
            {"name":"cache.hits","sum":{"aggregationTemporality":2,"isMonotonic":true,
              "dataPoints":[{"asInt":"41","timeUnixNano":"%d","startTimeUnixNano":"%d",
                "attributes":[{"key":"cache.name","value":{"stringValue":"users"}}]}]}}]}]}]}
        """.formatted(T * 1_000_000, (T - 60_000) * 1_000_000);

    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        body.getBytes());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(r.bodyAsJsonObject().containsKey("partialSuccess")).isFalse();
    assertThat(server.sink.only("cache_hits")).isEqualTo(Sample.counter("cache_hits",
        Labels.of("service", "search", "instance", "i-7", "cache_name", "users"), T, 41).withStartTime(T - 60_000));
  }

  @Test
  void resourceAttributeServiceVersionBecomesTheWellKnownVersionLabel() {
    String body = """
        {"resourceMetrics":[{"resource":{"attributes":[
            {"key":"service.name","value":{"stringValue":"search"}},
            {"key":"service.instance.id","value":{"stringValue":"i-7"}},
            {"key":"service.version","value":{"stringValue":"2.3.1"}}]},
          "scopeMetrics":[{"metrics":[
            {"name":"queue.depth","gauge":{"dataPoints":[{"asInt":"4","timeUnixNano":"%d"}]}}]}]}]}
        """.formatted(T * 1_000_000);

    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        body.getBytes());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.sink.only("queue_depth")).isEqualTo(Sample.gauge("queue_depth",
        Labels.of("service", "search", "instance", "i-7", "version", "2.3.1"), T, 4));
  }

  @Test
  void gzipProtobufBodyIsDecoded() {
    byte[] body = gzip(request(gaugeResource("api", "temperature", 21.5)).toByteArray());

    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics")
        .putHeader("Content-Type", "application/x-protobuf").putHeader("Content-Encoding", "gzip"), body);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.sink.only("temperature").value()).isEqualTo(21.5);
  }

  @Test
  void pointsWithoutServiceAreRejectedInPartialSuccessAndTheRestAccepted() throws Exception {
    ExportMetricsServiceRequest req = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(gaugeResource("api", "ok_gauge", 1))
        .addResourceMetrics(gaugeResource(null, "lost_gauge", 2))
        .build();

    HttpResponse<Buffer> r = sendProtobuf(req.toByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    ExportMetricsServiceResponse resp = ExportMetricsServiceResponse.parseFrom(r.body().getBytes());
    assertThat(resp.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(resp.getPartialSuccess().getErrorMessage()).contains("missing_service").contains("service.name");
    assertThat(server.sink.samples()).extracting(Sample::metric).containsExactly("ok_gauge");
  }

  @Test
  void seriesLimitRejectionsFromTheEngineGoIntoPartialSuccess() throws Exception {
    server.sink.answer(s -> new IngestResult(s.size() - 1,
        List.of(new Rejection("series_limit", 1, "service api is at its limit of 10 series"))));

    HttpResponse<Buffer> r = sendProtobuf(request(gaugeResource("api", "g", 1)).toByteArray());

    ExportMetricsServiceResponse resp = ExportMetricsServiceResponse.parseFrom(r.body().getBytes());
    assertThat(resp.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(resp.getPartialSuccess().getErrorMessage()).contains("series_limit");
  }

  @Test
  void tooLateRejectionsFromTheEngineGoIntoPartialSuccessAndTheMetric() throws Exception {
    server.sink.answer(s -> new IngestResult(s.size() - 1,
        List.of(new Rejection("too_late", 1, "samples are older than the late window (rollup.late-window)"))));

    HttpResponse<Buffer> r = sendProtobuf(request(gaugeResource("api", "g", 1)).toByteArray());

    ExportMetricsServiceResponse resp = ExportMetricsServiceResponse.parseFrom(r.body().getBytes());
    assertThat(resp.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(resp.getPartialSuccess().getErrorMessage()).contains("too_late");
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "too_late")).isEqualTo(1);
  }

  @Test
  void nanGaugeIsRejectedInPartialSuccess() throws Exception {
    HttpResponse<Buffer> r = sendProtobuf(request(gaugeResource("api", "g", Double.NaN)).toByteArray());

    ExportMetricsServiceResponse resp = ExportMetricsServiceResponse.parseFrom(r.body().getBytes());
    assertThat(resp.getPartialSuccess().getRejectedDataPoints()).isEqualTo(1);
    assertThat(resp.getPartialSuccess().getErrorMessage()).contains("non_finite_value");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void undecodableProtobufIs400WithProtobufStatus() throws Exception {
    HttpResponse<Buffer> r = sendProtobuf(new byte[] {(byte) 0xff, (byte) 0xff, 0x01});

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/x-protobuf");
    RpcStatusProto.Status status = RpcStatusProto.Status.parseFrom(r.body().getBytes());
    assertThat(status.getCode()).isEqualTo(3);
    assertThat(status.getMessage()).contains("ExportMetricsServiceRequest");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void undecodableJsonIs400WithJsonStatus() {
    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/json"),
        "{\"resourceMetrics\": [".getBytes());

    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject status = r.bodyAsJsonObject();
    assertThat(status.getInteger("code")).isEqualTo(3);
    assertThat(status.getString("message")).isNotBlank();
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void badGzipIs400() throws Exception {
    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics")
        .putHeader("Content-Type", "application/x-protobuf").putHeader("Content-Encoding", "gzip"),
        "not gzip".getBytes());

    assertThat(r.statusCode()).isEqualTo(400);
    RpcStatusProto.Status status = RpcStatusProto.Status.parseFrom(r.body().getBytes());
    assertThat(status.getMessage()).contains("gzip");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void unsupportedContentTypeIs415WithJsonStatus() {
    HttpResponse<Buffer> r = server.send(server.post("/v1/metrics").putHeader("Content-Type", "text/plain"),
        "x".getBytes());

    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.bodyAsJsonObject().getString("message")).contains("application/x-protobuf");
  }

  @Test
  void overloadIs503WithRetryAfter() throws Exception {
    server.sink.failWith(new OverloadedException("queue full", Duration.ofSeconds(3)));

    HttpResponse<Buffer> r = sendProtobuf(request(gaugeResource("api", "g", 1)).toByteArray());

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("3");
    assertThat(RpcStatusProto.Status.parseFrom(r.body().getBytes()).getCode()).isEqualTo(14);
  }

  @Test
  void millisecondHistogramsAreConvertedToSeconds() {
    // covered with Micrometer above; here a hand-made exponential histogram in ns
    var point = io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.newBuilder()
        .setTimeUnixNano(T * 1_000_000).setScale(0).setCount(3).setSum(3_000_000_000.0)
        .setZeroCount(1)
        .setPositive(io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint.Buckets.newBuilder()
            .setOffset(29).addBucketCounts(2)) // (2^29, 2^30] ns
        .build();
    Metric m = Metric.newBuilder().setName("rpc.duration").setUnit("ns")
        .setExponentialHistogram(io.opentelemetry.proto.metrics.v1.ExponentialHistogram.newBuilder()
            .setAggregationTemporality(
                io.opentelemetry.proto.metrics.v1.AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
            .addDataPoints(point))
        .build();

    sendProtobuf(request(resource("api").addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(m)).build())
        .toByteArray());

    Sample h = server.sink.only("rpc_duration");
    assertThat(h.buckets().upperBounds()).containsExactly(new double[] {0, Math.pow(2, 30) * 1e-9}, within(1e-12));
    assertThat(h.buckets().counts()).containsExactly(1, 2, 0);
    assertThat(h.buckets().sum()).isCloseTo(3.0, within(1e-9));
  }

  private HttpResponse<Buffer> sendProtobuf(byte[] body) {
    return server.send(server.post("/v1/metrics").putHeader("Content-Type", "application/x-protobuf"), body);
  }

  static void record(MicrometerOtlpClient registry) {
    Counter.builder("orders.placed").tag("region", "eu").register(registry).increment(3);
    AtomicInteger depth = registry.gauge("queue.depth", new AtomicInteger(12));
    assertThat(depth).isNotNull();
    Timer timer = Timer.builder("http.server.requests").tag("uri", "/pay")
        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500))
        .register(registry);
    timer.record(Duration.ofMillis(50));
    timer.record(Duration.ofMillis(200));
    timer.record(Duration.ofMillis(700));
    DistributionSummary payload = DistributionSummary.builder("payload.size").serviceLevelObjectives(1000, 5000)
        .register(registry);
    payload.record(500);
    payload.record(2000);
  }

  static ResourceMetrics.Builder resource(String service) {
    Resource.Builder r = Resource.newBuilder();
    if (service != null) {
      r.addAttributes(KeyValue.newBuilder().setKey("service.name")
          .setValue(AnyValue.newBuilder().setStringValue(service)));
    }
    return ResourceMetrics.newBuilder().setResource(r);
  }

  static ResourceMetrics gaugeResource(String service, String name, double value) {
    Metric m = Metric.newBuilder().setName(name).setGauge(Gauge.newBuilder().addDataPoints(
        NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsDouble(value))).build();
    return resource(service).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(m)).build();
  }

  static ExportMetricsServiceRequest request(ResourceMetrics rm) {
    return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(rm).build();
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(raw);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
