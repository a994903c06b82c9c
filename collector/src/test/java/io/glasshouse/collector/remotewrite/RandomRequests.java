package io.glasshouse.collector.remotewrite;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Label;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.MetricMetadata;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.Sample;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.TimeSeries;
import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import java.util.Arrays;
import java.util.Random;

/** Seeded random remote-write 1.0 requests (built with the generated classes) and byte mutations of them. */
public final class RandomRequests {
  private static final String[] NAMES = {"__name__", "job", "service", "instance", "le", "quantile", "zone",
      "method", "", "bad-name", "ünïcode", "__name__", "job"};
  private static final String[] METRICS = {"up", "requests_total", "lat_bucket", "lat_count", "lat_sum",
      "rpc_seconds", "rpc_seconds_count", "rpc_seconds_sum", "queue", "queue_total", "temperature_sum", "h_bucket",
      "x_total_bucket", "métrique", "😀_total"};
  private static final String[] VALUES = {"a", "b", "0.1", "+Inf", "1e3", "fast", "", "i-1", "ÿ", "日本",
      "😀", "NaN", "x".repeat(130), "é".repeat(70)};
  private static final double[] NUMBERS = {0, 1, -1, 2.5, Double.NaN, Double.longBitsToDouble(
      RemoteWriteDecoder.STALE_NAN_BITS), Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -0.0,
      Double.longBitsToDouble(0x7ff8000000000001L)};

  private RandomRequests() {
  }

  static WriteRequest request(Random r) {
    WriteRequest.Builder b = WriteRequest.newBuilder();
    int series = r.nextInt(8);
    for (int s = 0; s < series; s++) {
      TimeSeries.Builder ts = TimeSeries.newBuilder();
      if (r.nextInt(10) > 0) {
        ts.addLabels(Label.newBuilder().setName("__name__").setValue(pick(r, METRICS)));
      }
      int labels = r.nextInt(5);
      for (int l = 0; l < labels; l++) {
        Label.Builder label = Label.newBuilder();
        if (r.nextInt(8) > 0) {
          label.setName(pick(r, NAMES));
        }
        if (r.nextInt(8) > 0) {
          label.setValue(r.nextInt(3) == 0 ? pick(r, METRICS) : pick(r, VALUES));
        }
        ts.addLabels(label);
      }
      int samples = r.nextInt(4);
      for (int i = 0; i < samples; i++) {
        Sample.Builder sample = Sample.newBuilder();
        if (r.nextInt(10) > 0) {
          sample.setValue(r.nextInt(3) == 0 ? pick(r, NUMBERS) : r.nextDouble() * 1000);
        }
        if (r.nextInt(10) > 0) {
          sample.setTimestamp(r.nextInt(5) == 0 ? r.nextLong() : 1_795_780_800_000L + r.nextInt(100_000));
        }
        ts.addSamples(sample);
      }
      if (r.nextInt(6) == 0) {
        ts.setUnknownFields(unknown(r));
      }
      b.addTimeseries(ts);
    }
    int metadata = r.nextInt(3);
    for (int m = 0; m < metadata; m++) {
      MetricMetadata.Builder md = MetricMetadata.newBuilder().setMetricFamilyName(pick(r, METRICS).replaceAll(
          "_(bucket|count|sum|total)$", "")).setTypeValue(r.nextInt(9) - (r.nextInt(10) == 0 ? 3 : 0));
      if (r.nextBoolean()) {
        md.setHelp(pick(r, VALUES)).setUnit(pick(r, VALUES));
      }
      b.addMetadata(md);
    }
    if (r.nextInt(6) == 0) {
      b.setUnknownFields(unknown(r));
    }
    return b.build();
  }

  private static UnknownFieldSet unknown(Random r) {
    UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
    switch (r.nextInt(5)) {
      case 0 -> f.addVarint(r.nextLong());
      case 1 -> f.addFixed32(r.nextInt());
      case 2 -> f.addFixed64(r.nextLong());
      case 3 -> f.addLengthDelimited(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x00, (byte) 0xc3}));
      default -> f.addGroup(UnknownFieldSet.newBuilder().addField(2, UnknownFieldSet.Field.newBuilder()
          .addVarint(5).build()).build());
    }
    return UnknownFieldSet.newBuilder().addField(4 + r.nextInt(30), f.build()).build();
  }

  /** One random change: bytes flipped, set to edge values, cut, inserted, removed or repeated. */
  public static byte[] mutate(byte[] body, Random r) {
    if (body.length == 0) {
      return new byte[] {(byte) r.nextInt(256)};
    }
    byte[] out = body.clone();
    int at = r.nextInt(body.length);
    switch (r.nextInt(7)) {
      case 0 -> out[at] ^= (byte) (1 << r.nextInt(8));
      case 1 -> out[at] = (byte) new int[] {0x00, 0x7f, 0x80, 0xff, 0x0a, 0x12, 0x08, 0x0b, 0x0c, 0x0f}[r.nextInt(10)];
      case 2 -> out = Arrays.copyOf(body, at);
      case 3 -> {
        byte[] more = new byte[1 + r.nextInt(6)];
        r.nextBytes(more);
        out = new byte[body.length + more.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(more, 0, out, at, more.length);
        System.arraycopy(body, at, out, at + more.length, body.length - at);
      }
      case 4 -> {
        int n = Math.min(body.length - at, 1 + r.nextInt(8));
        out = new byte[body.length - n];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(body, at + n, out, at, body.length - at - n);
      }
      case 5 -> {
        int n = Math.min(body.length - at, 1 + r.nextInt(16));
        out = new byte[body.length + n];
        System.arraycopy(body, 0, out, 0, at + n);
        System.arraycopy(body, at, out, at + n, body.length - at);
      }
      default -> {
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
      }
    }
    return out;
  }

  private static <T> T pick(Random r, T[] from) {
    return from[r.nextInt(from.length)];
  }

  private static double pick(Random r, double[] from) {
    return from[r.nextInt(from.length)];
  }
}
