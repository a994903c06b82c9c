package io.glasshouse.collector.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata.MetricType;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.ShapeLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast remote-write 1.0 decoder agrees with the reference (protobuf's generated classes) on every fixture of
 * the collector's tests, on seeded random valid requests built with the generated classes and on random byte
 * mutations of them: the same samples, rejections and drops, or a refusal where the reference refuses.
 */
class FastRemoteWriteDecoderAgreementTest {
  static final long T = 1_795_780_800_000L;
  static final double STALE = Double.longBitsToDouble(RemoteWriteDecoder.STALE_NAN_BITS);

  private final DecoderAgreement agreement = new DecoderAgreement(ShapeLimits.DEFAULTS);

  static TimeSeries series(double value, long t, String... pairs) {
    TimeSeries.Builder b = TimeSeries.newBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.addLabels(Label.newBuilder().setName(pairs[i]).setValue(pairs[i + 1]));
    }
    return b.addSamples(Sample.newBuilder().setValue(value).setTimestamp(t)).build();
  }

  static MetricMetadata metadata(String family, MetricType type) {
    return MetricMetadata.newBuilder().setMetricFamilyName(family).setType(type).build();
  }

  /** The requests the collector's remote-write tests send (decoder and ingest tests). */
  static List<WriteRequest> fixtures() {
    String[] common = {"job", "api", "instance", "i-2", "route", "/pay"};
    List<WriteRequest> f = new ArrayList<>();
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(42, T, "__name__", "http_requests_total", "job", "checkout", "instance", "i-1",
            "status", "200"))
        .addTimeseries(series(7.5, T, "__name__", "queue_depth", "job", "checkout", "instance", "i-1")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "node", "service", "billing")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(3, T, with(common, "__name__", "latency_seconds_bucket", "le", "0.1")))
        .addTimeseries(series(7, T, with(common, "__name__", "latency_seconds_bucket", "le", "0.5")))
        .addTimeseries(series(9, T, with(common, "__name__", "latency_seconds_bucket", "le", "+Inf")))
        .addTimeseries(series(1.25, T, with(common, "__name__", "latency_seconds_sum")))
        .addTimeseries(series(9, T, with(common, "__name__", "latency_seconds_count"))).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "jobs_processed", "job", "worker", "instance", "i-1"))
        .addTimeseries(series(2, T, "__name__", "temperature_sum", "job", "worker", "instance", "i-1"))
        .addMetadata(metadata("jobs_processed", MetricType.COUNTER))
        .addMetadata(metadata("temperature_sum", MetricType.GAUGE)).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "bytes_total", "job", "w", "instance", "i-1"))
        .addTimeseries(series(5, T, "__name__", "rpc_count", "job", "w", "instance", "i-1"))
        .addTimeseries(series(5, T, "__name__", "memory_bytes", "job", "w", "instance", "i-1")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(STALE, T, "__name__", "up", "job", "w"))
        .addTimeseries(series(1, T, "__name__", "ok", "job", "w")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "fine"))
        .addTimeseries(series(1, T, "__name__", "up", "instance", "i-9")).build());
    f.add(WriteRequest.newBuilder().addTimeseries(series(1, T, "__name__", "up", "job", "a", "", "x")).build());
    f.add(WriteRequest.newBuilder().addTimeseries(series(1, T, "__name__", "up", "job", "a", "bad-name", "x")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "a", "zone", "x", "zone", "y")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "up", "job", "a", "job", "b", "__name__", "x")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(Double.POSITIVE_INFINITY, T, "__name__", "up", "job", "a")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(4, T, "__name__", "requests_total", "job", "a", "instance", "i1"))
        .addTimeseries(series(Double.NaN, T, "__name__", "rpc_seconds", "quantile", "0.99", "job", "a", "instance", "i1"))
        .addTimeseries(series(Double.NaN, T, "__name__", "temperature", "job", "a", "instance", "i1"))
        .addTimeseries(series(3, T, "__name__", "rpc_seconds_count", "job", "a", "instance", "i1")).build());
    String[] many = {"__name__", "up", "job", "a"};
    for (int i = 0; i < 70; i++) {
      many = with(many, "l" + i, "v");
    }
    f.add(WriteRequest.newBuilder().addTimeseries(series(1, T, many)).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(5, T, "__name__", "h_bucket", "le", "fast", "job", "a"))
        .addTimeseries(series(5, T, "__name__", "h_count", "job", "a")).build());
    f.add(WriteRequest.newBuilder()
        .addMetadata(metadata("node_vmstat_pgfault_total", MetricType.UNKNOWN))
        .addMetadata(metadata("node_vmstat_pgfault", MetricType.UNKNOWN))
        .addMetadata(metadata("lat", MetricType.HISTOGRAM))
        .addTimeseries(series(5, T, "__name__", "node_vmstat_pgfault_total", "job", "a"))
        .addTimeseries(series(5, T, "__name__", "node_vmstat_pgfault", "job", "a"))
        .addTimeseries(series(5, T, "__name__", "lat_count", "job", "a")).build());
    f.add(WriteRequest.newBuilder()
        .addTimeseries(series(1, T, "__name__", "g", "job", "a").toBuilder()
            .addSamples(Sample.newBuilder().setValue(2).setTimestamp(T + 1000)).build()).build());
    WriteRequest.Builder empty = WriteRequest.newBuilder();
    for (int i = 0; i < 20; i++) {
      empty.addTimeseries(TimeSeries.getDefaultInstance());
    }
    f.add(empty.build());
    f.add(WriteRequest.getDefaultInstance());
    f.add(loadgenShaped(3, 1000));
    return f;
  }

  /** One instance's series as the benchmarks' load generator sends them. */
  static WriteRequest loadgenShaped(int instance, int series) {
    WriteRequest.Builder b = WriteRequest.newBuilder();
    String[] methods = {"GET", "POST"};
    String[] statuses = {"200", "404", "500"};
    for (int s = 0; s < series; s++) {
      b.addTimeseries(series(s * 3.5, T, "__name__", "http_server_requests_" + (s % 50) + "_total",
          "instance", "host-" + instance + ":8080", "job", "svc-" + instance % 5, "method", methods[s % 2],
          "status", statuses[s % 3], "uri", "/api/v1/resource/" + s / 6));
    }
    return b.build();
  }

  static String[] with(String[] base, String... more) {
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void everyFixtureDecodesAlikeAndSoDoTheirTruncations() {
    for (WriteRequest r : fixtures()) {
      byte[] body = r.toByteArray();
      agreement.check(body);
      assertThat(agreement.referenceRefused).as("fixture %s", r).isFalse();
      for (int cut = 0; cut < body.length; cut += Math.max(1, body.length / 60)) {
        agreement.check(Arrays.copyOf(body, cut));
      }
    }
  }

  @Test
  void metadataAndShapesCarryOverToLaterRequestsAlike() {
    MetricFamilies reference = new MetricFamilies();
    MetricFamilies fast = new MetricFamilies();
    agreement.check(WriteRequest.newBuilder()
        .addMetadata(metadata("lat", MetricType.HISTOGRAM))
        .addMetadata(metadata("queue_total", MetricType.GAUGE))
        .addTimeseries(series(3, T, "__name__", "h_bucket", "le", "1", "job", "a")).build().toByteArray(),
        reference, fast);
    agreement.check(WriteRequest.newBuilder()
        .addTimeseries(series(3, T, "__name__", "lat_count", "job", "a"))
        .addTimeseries(series(3, T, "__name__", "h_sum", "job", "a"))
        .addTimeseries(series(3, T, "__name__", "queue_total", "job", "a")).build().toByteArray(), reference, fast);
  }

  @Test
  void seededRandomRequestsAndTheirByteMutationsDecodeAlikeOrAreRefusedByBoth() {
    Random random = new Random(20261130L);
    int refused = 0;
    for (int i = 0; i < 600; i++) {
      byte[] body = RandomRequests.request(random).toByteArray();
      agreement.check(body);
      assertThat(agreement.referenceRefused).isFalse();
      for (int m = 0; m < 12; m++) {
        agreement.check(RandomRequests.mutate(body, random));
        refused += agreement.referenceRefused ? 1 : 0;
      }
    }
    assertThat(refused).as("mutations the reference refused (the fuzzing reaches malformed input)")
        .isGreaterThan(400);
  }

  @Test
  void randomBytesNeverCrashTheFastDecoder() {
    Random random = new Random(7L);
    for (int i = 0; i < 5_000; i++) {
      byte[] body = new byte[random.nextInt(64)];
      random.nextBytes(body);
      agreement.check(body);
    }
  }

  @Test
  void unknownFieldsOfEveryWireTypeAreSkippedAlike() {
    UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
        .addField(9, UnknownFieldSet.Field.newBuilder().addVarint(300).addFixed32(7).addFixed64(8)
            .addLengthDelimited(ByteString.copyFromUtf8("\u00ff\u00fe not utf-8 checked"))
            .addGroup(UnknownFieldSet.newBuilder().addField(3, UnknownFieldSet.Field.newBuilder().addVarint(1)
                .build()).build()).build())
        .build();
    TimeSeries ts = series(1, T, "__name__", "up", "job", "a").toBuilder().setUnknownFields(unknown).build();
    WriteRequest r = WriteRequest.newBuilder().addTimeseries(ts).setUnknownFields(unknown).build();

    agreement.check(r.toByteArray());

    assertThat(agreement.referenceRefused).isFalse();
  }

  @Test
  void groupsOfUnknownFieldsInALabelCountTowardsTheDepthLimitAsProtobufCountsThem() {
    int refused = 0;
    for (int groups = 95; groups < 102; groups++) {
      // a label (depth 2) holding an unknown field of `groups` nested groups: protobuf-java refuses from 99 on
      byte[] inner = new byte[0];
      for (int i = 0; i < groups; i++) {
        byte[] wrapped = new byte[inner.length + 2];
        wrapped[0] = (byte) (15 << 3 | 3);
        System.arraycopy(inner, 0, wrapped, 1, inner.length);
        wrapped[wrapped.length - 1] = (byte) (15 << 3 | 4);
        inner = wrapped;
      }
      Label label = Label.newBuilder().setName("a").setValue("b").build();
      byte[] labelBytes = Arrays.copyOf(label.toByteArray(), label.getSerializedSize() + inner.length);
      System.arraycopy(inner, 0, labelBytes, label.getSerializedSize(), inner.length);
      TimeSeries ts = series(1, T, "__name__", "up", "job", "a");
      byte[] tsBytes = ts.toByteArray();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try {
        var coded = com.google.protobuf.CodedOutputStream.newInstance(out);
        coded.writeTag(1, 2);
        coded.writeUInt32NoTag(tsBytes.length + 1 + com.google.protobuf.CodedOutputStream
            .computeUInt32SizeNoTag(labelBytes.length) + labelBytes.length);
        coded.writeRawBytes(tsBytes);
        coded.writeByteArray(1, labelBytes);
        coded.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }

      agreement.check(out.toByteArray());

      refused += agreement.referenceRefused ? 1 : 0;
    }
    assertThat(refused).as("bodies with groups past the depth limit").isEqualTo(3);
  }
}
