package io.glasshouse.collector;

import static io.glasshouse.collector.Problems.assertProblem;
import static io.glasshouse.collector.Problems.reasons;
import static io.glasshouse.collector.RemoteWriteClient.metadata;
import static io.glasshouse.collector.RemoteWriteClient.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata.MetricType;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.rollup.ingest.BatchRefusedException;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RemoteWriteIngestTest {
  static final long T = CollectorServer.NOW.toEpochMilli();

  CollectorServer server;
  RemoteWriteClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = CollectorServer.start(vertx, CollectorConfig.fromJson(new JsonObject()
        .put("max-body-bytes", 64 * 1024)
        .put("max-decompressed-bytes", 256 * 1024)));
    client = new RemoteWriteClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void countersAndGaugesRoundTripWithJobMappedToService() {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(42, T, "__name__", "http_requests_total", "job", "checkout", "instance", "i-1",
            "status", "200"))
        .addTimeseries(series(7.5, T, "__name__", "queue_depth", "job", "checkout", "instance", "i-1"))
        .build();

    HttpResponse<Buffer> r = client.write(req);

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(server.sink.batches).singleElement().satisfies(b -> {
      assertThat(b.protocol()).isEqualTo(Protocol.REMOTE_WRITE);
      assertThat(b.atomic()).isTrue();
    });
    assertThat(server.sink.only("http_requests_total")).isEqualTo(
        Sample.counter("http_requests_total", Labels.of("service", "checkout", "instance", "i-1", "status", "200"),
            T, 42));
    assertThat(server.sink.only("queue_depth")).isEqualTo(
        Sample.gauge("queue_depth", Labels.of("service", "checkout", "instance", "i-1"), T, 7.5));
    assertThat(server.counter(CollectorMetrics.ACCEPTED, "protocol", "remote_write")).isEqualTo(2);
    assertThat(server.counter(CollectorMetrics.REQUESTS, "protocol", "remote_write", "status", "204")).isEqualTo(1);
  }

  @Test
  void explicitServiceLabelWinsOverJobWhichStaysALabel() {
    client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "node", "service", "billing")).build());

    assertThat(server.sink.only("up").labels()).isEqualTo(Labels.of("job", "node", "service", "billing"));
  }

  @Test
  void classicHistogramPartsGoToTheEngineAsPartsEachItsOwnCumulativeSeries() {
    String[] common = {"job", "api", "instance", "i-2", "route", "/pay"};
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(3, T, with(common, "__name__", "latency_seconds_bucket", "le", "0.1")))
        .addTimeseries(series(7, T, with(common, "__name__", "latency_seconds_bucket", "le", "0.5")))
        .addTimeseries(series(9, T, with(common, "__name__", "latency_seconds_bucket", "le", "+Inf")))
        .addTimeseries(series(1.25, T, with(common, "__name__", "latency_seconds_sum")))
        .addTimeseries(series(9, T, with(common, "__name__", "latency_seconds_count")))
        .build();

    assertThat(client.write(req).statusCode()).isEqualTo(204);

    Labels base = Labels.of("service", "api", "instance", "i-2", "route", "/pay");
    assertThat(server.sink.samples()).containsExactly(
        Sample.histogramPart("latency_seconds_bucket", base.with("le", "0.1"), T, 3),
        Sample.histogramPart("latency_seconds_bucket", base.with("le", "0.5"), T, 7),
        Sample.histogramPart("latency_seconds_bucket", base.with("le", "+Inf"), T, 9),
        Sample.histogramPart("latency_seconds_sum", base, T, 1.25),
        Sample.histogramPart("latency_seconds_count", base, T, 9));
  }

  @Test
  void histogramCountAndSumInARequestWithoutBucketsArePartsOnceTheFamilyIsKnownAsAHistogram() {
    String[] common = {"job", "api", "instance", "i-2"};
    client.write(WriteRequest.newBuilder()
        .addTimeseries(series(3, T, with(common, "__name__", "latency_seconds_bucket", "le", "0.1"))).build());
    client.write(WriteRequest.newBuilder()
        .addTimeseries(series(9, T, with(common, "__name__", "latency_seconds_count")))
        .addTimeseries(series(1.5, T, with(common, "__name__", "latency_seconds_sum"))).build());

    assertThat(server.sink.samples()).extracting(Sample::metric, Sample::isHistogramPart).containsExactly(
        tuple("latency_seconds_bucket", true), tuple("latency_seconds_count", true),
        tuple("latency_seconds_sum", true));
  }

  @Test
  void metadataDecidesCounterOrGaugeOverNamingConventions() {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "jobs_processed", "job", "worker", "instance", "i-1"))
        .addTimeseries(series(2, T, "__name__", "temperature_sum", "job", "worker", "instance", "i-1"))
        .addMetadata(metadata("jobs_processed", MetricType.COUNTER))
        .addMetadata(metadata("temperature_sum", MetricType.GAUGE))
        .build();

    client.write(req);

    assertThat(server.sink.only("jobs_processed").kind()).isEqualTo(MetricKind.COUNTER);
    assertThat(server.sink.only("temperature_sum").kind()).isEqualTo(MetricKind.GAUGE);
  }

  @Test
  void withoutMetadataSuffixesTellCountersFromGauges() {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "bytes_total", "job", "w", "instance", "i-1"))
        .addTimeseries(series(5, T, "__name__", "rpc_count", "job", "w", "instance", "i-1"))
        .addTimeseries(series(5, T, "__name__", "memory_bytes", "job", "w", "instance", "i-1"))
        .build();

    client.write(req);

    assertThat(server.sink.only("bytes_total").kind()).isEqualTo(MetricKind.COUNTER);
    assertThat(server.sink.only("rpc_count").kind()).isEqualTo(MetricKind.COUNTER);
    assertThat(server.sink.only("memory_bytes").kind()).isEqualTo(MetricKind.GAUGE);
  }

  @Test
  void stalenessMarkersAreDroppedSilentlyAndCounted() {
    double stale = Double.longBitsToDouble(RemoteWriteDecoder.STALE_NAN_BITS);
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(stale, T, "__name__", "up", "job", "w"))
        .addTimeseries(series(1, T, "__name__", "ok", "job", "w"))
        .build();

    assertThat(client.write(req).statusCode()).isEqualTo(204);

    assertThat(server.sink.samples()).extracting(Sample::metric).containsExactly("ok");
    assertThat(server.counter(CollectorMetrics.DROPPED, "reason", "stale_marker")).isEqualTo(1);
  }

  @Test
  void undecodableProtobufIs400AndNothingReachesTheSink() {
    HttpResponse<Buffer> r = client.sendRaw(RemoteWriteClient.snappy(new byte[] {(byte) 0xff, 0x01, 0x02}));

    JsonObject p = assertProblem(r, 400);
    assertThat(p.getString("detail")).contains("WriteRequest");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void corruptSnappyIs400() {
    HttpResponse<Buffer> r = client.sendRaw("this is not snappy at all".getBytes());

    assertThat(assertProblem(r, 400).getString("detail")).contains("snappy");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void decompressionBombIs413BeforeUncompressing() {
    byte[] huge = new byte[1024 * 1024]; // 1 MiB of zeros compresses to ~50 KB; the limit is 256 KiB
    byte[] compressed = RemoteWriteClient.snappy(huge);
    assertThat(compressed.length).isLessThan(64 * 1024);

    HttpResponse<Buffer> r = client.sendRaw(compressed);

    assertThat(assertProblem(r, 413).getString("detail")).contains("collector.max-decompressed-bytes");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void bodyOverLimitIs413ByContentLength() {
    HttpResponse<Buffer> r = client.sendRaw(new byte[100 * 1024]);

    assertThat(assertProblem(r, 413).getString("detail")).contains("collector.max-body-bytes");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void chunkedBodyOverLimitIs413WhileReading() {
    io.vertx.core.streams.ReadStream<Buffer> stream = chunked(server, 100 * 1024);
    HttpResponse<Buffer> r = CollectorServer.await(client.request().sendStream(stream));

    assertProblem(r, 413);
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void unsupportedContentTypeIs415NamingTheSupportedOne() {
    HttpResponse<Buffer> r = server.send(client.request().putHeader("Content-Type", "application/json"),
        RemoteWriteClient.snappy(new byte[0]));

    assertThat(assertProblem(r, 415).getString("detail")).contains("application/x-protobuf");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void unknownContentEncodingIs415() {
    HttpResponse<Buffer> r = server.send(client.request().putHeader("Content-Encoding", "zstd"), new byte[] {1});

    assertThat(assertProblem(r, 415).getString("detail")).contains("snappy");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void sampleWithoutServiceRejectsTheWholeRequest() {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "fine"))
        .addTimeseries(series(1, T, "__name__", "up", "instance", "i-9"))
        .build();

    JsonObject p = assertProblem(client.write(req), 400);

    assertThat(reasons(p)).containsExactly("missing_service");
    assertThat(p.getString("detail")).contains("job label");
    assertThat(server.sink.batches).isEmpty();
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "missing_service")).isEqualTo(1);
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "batch_rejected")).isEqualTo(1);
  }

  @Test
  void emptyLabelNameIs400() {
    assertRejected(series(1, T, "__name__", "up", "job", "a", "", "x"), "empty_label_name");
  }

  @Test
  void invalidLabelNameIs400() {
    assertRejected(series(1, T, "__name__", "up", "job", "a", "bad-name", "x"), "invalid_label_name");
  }

  @Test
  void duplicateLabelNamesAre400() {
    assertRejected(series(1, T, "__name__", "up", "job", "a", "zone", "x", "zone", "y"), "duplicate_label");
  }

  @Test
  void infinityIs400() {
    assertRejected(series(Double.POSITIVE_INFINITY, T, "__name__", "up", "job", "a"), "non_finite_value");
  }

  @Test
  void nanQuantilesAndGaugesAreSkippedAndCountedWithoutRefusingTheRequest() {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(4, T, "__name__", "requests_total", "job", "a", "instance", "i1"))
        .addTimeseries(series(Double.NaN, T, "__name__", "rpc_seconds", "quantile", "0.99", "job", "a", "instance", "i1"))
        .addTimeseries(series(Double.NaN, T, "__name__", "temperature", "job", "a", "instance", "i1"))
        .addTimeseries(series(3, T, "__name__", "rpc_seconds_count", "job", "a", "instance", "i1"))
        .build();

    assertThat(client.write(req).statusCode()).isEqualTo(204);

    assertThat(server.sink.samples()).extracting(Sample::metric).containsExactly("requests_total", "rpc_seconds_count");
    assertThat(server.counter(CollectorMetrics.DROPPED, "reason", "nan_value")).isEqualTo(2);
  }

  @Test
  void tooOldIs400() {
    assertRejected(series(1, T - Duration.ofHours(2).toMillis(), "__name__", "up", "job", "a"), "too_old");
  }

  @Test
  void inTheFutureIs400() {
    assertRejected(series(1, T + Duration.ofMinutes(10).toMillis(), "__name__", "up", "job", "a"), "in_future");
  }

  @Test
  void tooManyLabelsIs400() {
    String[] labels = {"__name__", "up", "job", "a"};
    for (int i = 0; i < 70; i++) {
      labels = with(labels, "l" + i, "v");
    }
    assertRejected(series(1, T, labels), "too_many_labels");
  }

  @Test
  void seriesLimitIs429NamingServiceAndLimit() {
    server.sink.failWith(new SeriesLimitException("checkout", 1000, "1003 series would exist"));

    HttpResponse<Buffer> r = client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "checkout")).build());

    JsonObject p = assertProblem(r, 429);
    assertThat(p.getString("detail")).contains("checkout").contains("1000");
    assertThat(reasons(p)).containsExactly("series_limit");
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void otherCardinalityLimitsAre429CountedUnderTheirOwnReason() {
    server.sink.failWith(new SeriesLimitException(SeriesLimitException.INSTANCE_LIMIT, "checkout", 10, 1,
        "service 'checkout' would exceed its limit of 10 instances; raise rollup.max-instances-per-service"));

    HttpResponse<Buffer> r = client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "checkout")).build());

    JsonObject p = assertProblem(r, 429);
    assertThat(p.getString("detail")).contains("rollup.max-instances-per-service");
    assertThat(reasons(p)).containsExactly("instance_limit");
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "instance_limit")).isEqualTo(1);
    assertThat(server.sink.batches).isEmpty();
  }

  @Test
  void tooLateSamplesRefuseTheWholeBatchWith400CountedByReason() {
    // issue 6, "All-or-nothing means all or nothing": the engine refuses an atomic batch holding too_late samples
    server.sink.failWith(new BatchRefusedException("1 of 2 samples of this atomic batch; nothing in it was applied: "
        + "samples are older than the late window (rollup.late-window, PT1H)",
        List.of(new Rejection("too_late", 1, "samples are older than the late window"))));

    HttpResponse<Buffer> r = client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "a", "job", "x"))
        .addTimeseries(series(1, T, "__name__", "b", "job", "x")).build());

    JsonObject p = assertProblem(r, 400);
    assertThat(p.getString("detail")).contains("rollup.late-window").contains("nothing in it was applied");
    assertThat(reasons(p)).containsExactly("too_late");
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "too_late")).isEqualTo(1);
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", CollectorMetrics.BATCH_REJECTED)).isEqualTo(1);
    assertThat(server.counter(CollectorMetrics.ACCEPTED)).isZero();
  }

  @Test
  void engineOverloadIs503WithRetryAfter() {
    server.sink.failWith(new OverloadedException("queue full", Duration.ofSeconds(7)));

    HttpResponse<Buffer> r = client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "a")).build());

    assertProblem(r, 503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("7");
    assertThat(server.sink.batches).isEmpty();
    assertThat(server.counter(CollectorMetrics.REJECTED, "reason", "overloaded")).isEqualTo(1);
  }

  @Test
  void receivedEqualsAcceptedPlusRejectedPlusDropped() {
    double stale = Double.longBitsToDouble(RemoteWriteDecoder.STALE_NAN_BITS);
    client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "a", "job", "x"))
        .addTimeseries(series(stale, T, "__name__", "b", "job", "x")).build());
    client.write(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "a", "job", "x"))
        .addTimeseries(series(1, T, "__name__", "a")).build());

    double received = server.counter(CollectorMetrics.RECEIVED);
    double accepted = server.counter(CollectorMetrics.ACCEPTED);
    double rejected = server.registry.find(CollectorMetrics.REJECTED).counters().stream()
        .mapToDouble(c -> c.count()).sum();
    double dropped = server.counter(CollectorMetrics.DROPPED);
    assertThat(received).isEqualTo(4);
    assertThat(accepted + rejected + dropped).isEqualTo(received);
  }

  private void assertRejected(io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries bad,
      String reason) {
    WriteRequest req = WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "fine", "job", "a"))
        .addTimeseries(bad)
        .build();

    JsonObject p = assertProblem(client.write(req), 400);

    assertThat(reasons(p)).containsExactly(reason);
    assertThat(p.getJsonArray("errors").getJsonObject(0).getString("detail")).isNotBlank();
    assertThat(server.sink.batches).isEmpty();
  }

  static String[] with(String[] a, String... more) {
    String[] out = Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, out, a.length, more.length);
    return out;
  }

  /** A body sent without Content-Length, in 8 KiB chunks. */
  static io.vertx.core.streams.ReadStream<Buffer> chunked(CollectorServer server, int bytes) {
    byte[] chunk = new byte[8192];
    java.util.List<Buffer> chunks = new java.util.ArrayList<>();
    for (int sent = 0; sent < bytes; sent += chunk.length) {
      chunks.add(Buffer.buffer(chunk));
    }
    return new ListStream(chunks);
  }
}
