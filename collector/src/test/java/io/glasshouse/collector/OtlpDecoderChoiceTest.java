package io.glasshouse.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.otlp.proto.RpcStatusProto;
import io.glasshouse.rollup.sample.Sample;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code collector.decoder} for OTLP protobuf: fast (the default) and reference hand the sink the same samples
 * from Micrometer (plain and gzip), answer the same partial success, and refuse the same bodies alike.
 */
@ExtendWith(VertxExtension.class)
class OtlpDecoderChoiceTest {
  @Test
  void bothDecodersHandTheSinkTheSameSamplesAndAnswersAndRefuseTheSameBodies(Vertx vertx) throws Exception {
    byte[] partial = ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(OtlpIngestTest.gaugeResource("api", "ok_gauge", 1))
        .addResourceMetrics(OtlpIngestTest.gaugeResource(null, "lost_gauge", 2)).build().toByteArray();
    byte[] truncated = Arrays.copyOf(partial, partial.length - 3);
    List<List<Sample>> samples = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    for (String decoder : new String[] {"fast", "reference"}) {
      CollectorServer server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
          .put("decoder", decoder)));
      MicrometerOtlpClient plain = null;
      MicrometerOtlpClient gzip = null;
      try {
        plain = new MicrometerOtlpClient(MicrometerOtlpClient.config(server.url("/v1/metrics"),
            AggregationTemporality.CUMULATIVE, CompressionMode.NONE, Map.of()), server.clock);
        gzip = new MicrometerOtlpClient(MicrometerOtlpClient.config(server.url("/v1/metrics"),
            AggregationTemporality.CUMULATIVE, CompressionMode.GZIP, Map.of()), server.clock);
        record(plain);
        record(gzip);
        plain.publishNow();
        gzip.publishNow();
        HttpResponse<Buffer> r = send(server, partial, false);
        answers.add(r.statusCode() + " " + ExportMetricsServiceResponse.parseFrom(r.body().getBytes()));
        r = send(server, OtlpIngestTest.gzip(truncated), true);
        answers.add(r.statusCode() + " " + RpcStatusProto.Status.parseFrom(r.body().getBytes()).getCode());
        samples.add(server.sink.samples());
      } finally {
        if (plain != null) {
          plain.close();
        }
        if (gzip != null) {
          gzip.close();
        }
        server.close();
      }
    }

    assertThat(samples.get(0)).hasSizeGreaterThan(8).containsExactlyElementsOf(samples.get(1));
    assertThat(answers.get(0)).startsWith("200").contains("missing_service");
    assertThat(answers.get(1)).isEqualTo("400 3");
    assertThat(answers.subList(0, 2)).containsExactlyElementsOf(answers.subList(2, 4));
  }

  /** Meters of every kind; the gauge is held strongly (a weakly held one may be collected before publishing). */
  private static void record(MicrometerOtlpClient registry) {
    io.micrometer.core.instrument.Counter.builder("orders.placed").tag("region", "eu").register(registry).increment(3);
    io.micrometer.core.instrument.Gauge.builder("queue.depth", () -> 12).strongReference(true).register(registry);
    var timer = io.micrometer.core.instrument.Timer.builder("http.server.requests").tag("uri", "/pay")
        .serviceLevelObjectives(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(500))
        .publishPercentiles(0.99).register(registry);
    timer.record(java.time.Duration.ofMillis(50));
    timer.record(java.time.Duration.ofMillis(700));
    io.micrometer.core.instrument.DistributionSummary.builder("payload.size").publishPercentileHistogram()
        .register(registry).record(500);
  }

  private static HttpResponse<Buffer> send(CollectorServer server, byte[] body, boolean gzip) {
    var request = server.post("/v1/metrics").putHeader("Content-Type", "application/x-protobuf");
    if (gzip) {
      request.putHeader("Content-Encoding", "gzip");
    }
    return server.send(request, body);
  }
}
