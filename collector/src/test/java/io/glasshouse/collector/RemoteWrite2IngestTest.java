package io.glasshouse.collector;

import static io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata.MetricType.METRIC_TYPE_COUNTER;
import static io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata.MetricType.METRIC_TYPE_GAUGE;
import static io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata.MetricType.METRIC_TYPE_HISTOGRAM;
import static io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Metadata.MetricType.METRIC_TYPE_SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Histogram;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.TimeSeries;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue #7: remote write 2.0 as Prometheus 3 sends it, with partial acceptance reported in the written headers. */
@ExtendWith(VertxExtension.class)
class RemoteWrite2IngestTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  CollectorServer server;
  RemoteWriteV2Client client;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()));
    client = new RemoteWriteV2Client(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void remoteWrite2SamplesRoundTripWithCreatedTimestampsAndWrittenHeaders() {
    var req = new RemoteWriteV2Client.Builder()
        .series(METRIC_TYPE_COUNTER, T - 60_000, 12, T, "__name__", "requests_total", "job", "api", "instance", "i-1")
        .series(METRIC_TYPE_GAUGE, 0, 3.5, T, "__name__", "queue_depth", "job", "api", "instance", "i-1")
        .series(METRIC_TYPE_HISTOGRAM, T - 60_000, 4, T, "__name__", "lat_seconds_bucket", "le", "0.1", "job", "api",
            "instance", "i-1")
        .series(METRIC_TYPE_HISTOGRAM, T - 60_000, 9, T, "__name__", "lat_seconds_count", "job", "api", "instance", "i-1")
        .series(METRIC_TYPE_SUMMARY, 0, Double.NaN, T, "__name__", "rpc_seconds", "quantile", "0.5", "job", "api",
            "instance", "i-1")
        .build();

    HttpResponse<Buffer> r = client.write(req);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204);
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Samples-Written")).isEqualTo("5");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Histograms-Written")).isEqualTo("0");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Exemplars-Written")).isEqualTo("0");
    Labels l = Labels.of("service", "api", "instance", "i-1");
    assertThat(server.sink.samples()).containsExactly(
        Sample.counter("requests_total", l, T, 12).withStartTime(T - 60_000),
        Sample.gauge("queue_depth", l, T, 3.5),
        Sample.histogramPart("lat_seconds_bucket", l.with("le", "0.1"), T, 4).withStartTime(T - 60_000),
        Sample.histogramPart("lat_seconds_count", l, T, 9).withStartTime(T - 60_000));
  }

  @Test
  void invalidSamplesAreReportedWhileTheValidOnesAreWrittenAndCounted() {
    TimeSeries brokenRefs = TimeSeries.newBuilder().addLabelsRefs(0).addLabelsRefs(999)
        .addSamples(io.glasshouse.collector.remotewrite.proto.RemoteWriteV2Proto.Sample.newBuilder()
            .setValue(1).setTimestamp(T))
        .build();
    TimeSeries nativeHistogram = TimeSeries.newBuilder().addHistograms(Histogram.getDefaultInstance()).build();
    var req = new RemoteWriteV2Client.Builder()
        .series(METRIC_TYPE_COUNTER, 0, 12, T, "__name__", "requests_total", "job", "api", "instance", "i-1")
        .series(METRIC_TYPE_GAUGE, 0, 1, T - 86_400_000L, "__name__", "old_gauge", "job", "api", "instance", "i-1")
        .series(METRIC_TYPE_GAUGE, 0, 2, T, "__name__", "fine_gauge", "job", "api", "instance", "i-1")
        .raw(brokenRefs)
        .raw(nativeHistogram)
        .build();

    HttpResponse<Buffer> r = client.write(req);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Samples-Written")).isEqualTo("2");
    assertThat(r.getHeader("X-Prometheus-Remote-Write-Histograms-Written")).isEqualTo("0");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("detail")).contains("3 of 5", "invalid_symbol_ref", "too_old", "unsupported_point");
    assertThat(server.sink.samples()).extracting(Sample::metric).containsExactly("requests_total", "fine_gauge");
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "too_old")).isEqualTo(1);
  }
}
