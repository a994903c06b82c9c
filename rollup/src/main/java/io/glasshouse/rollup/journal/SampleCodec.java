package io.glasshouse.rollup.journal;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a list of samples for the journal. A {@link Labels} object shared by consecutive samples (one
 * per series in every decoder) is written once per record and referenced by index afterwards, so a
 * remote-write batch costs a few bytes per sample beyond its label strings.
 */
final class SampleCodec {
  private static final MetricKind[] KINDS = MetricKind.values();
  private static final Temporality[] TEMPORALITIES = Temporality.values();
  /** Flag in the kind byte: a histogram part ({@link Sample#isHistogramPart()}), written with a plain value. */
  private static final int PART = 0x8;

  private SampleCodec() {
  }

  static void encode(List<Sample> samples, GrowableBuffer out) {
    Map<Labels, Integer> labelIds = new IdentityHashMap<>();
    Map<String, Integer> metricIds = new java.util.HashMap<>();
    out.putVarInt(samples.size());
    for (Sample s : samples) {
      Integer mid = metricIds.get(s.metric());
      if (mid == null) {
        out.putVarInt(0);
        out.putString(s.metric());
        metricIds.put(s.metric(), metricIds.size());
      } else {
        out.putVarInt(mid + 1);
      }
      Integer lid = labelIds.get(s.labels());
      if (lid == null) {
        out.putVarInt(0);
        Labels l = s.labels();
        out.putVarInt(l.size());
        for (int i = 0; i < l.size(); i++) {
          out.putString(l.name(i));
          out.putString(l.value(i));
        }
        labelIds.put(s.labels(), labelIds.size());
      } else {
        out.putVarInt(lid + 1);
      }
      out.putLong(s.timestampMs());
      out.putByte((byte) (s.kind().ordinal() << 4 | s.temporality().ordinal() | (s.isHistogramPart() ? PART : 0)));
      out.putLong(s.startTimeMs());
      if (s.kind() == MetricKind.HISTOGRAM && !s.isHistogramPart()) {
        Buckets b = s.buckets();
        out.putVarInt(b.upperBounds().length);
        for (double ub : b.upperBounds()) {
          out.putDouble(ub);
        }
        for (long c : b.counts()) {
          out.putVarLong(c);
        }
        out.putVarLong(b.count());
        out.putDouble(b.sum());
      } else {
        out.putDouble(s.value());
      }
    }
  }

  static List<Sample> decode(ByteBuffer in) {
    int n = readVarInt(in);
    List<Sample> samples = new ArrayList<>(n);
    List<String> metrics = new ArrayList<>();
    List<Labels> labels = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int mid = readVarInt(in);
      String metric;
      if (mid == 0) {
        metric = readString(in);
        metrics.add(metric);
      } else {
        metric = metrics.get(mid - 1);
      }
      int lid = readVarInt(in);
      Labels l;
      if (lid == 0) {
        int size = readVarInt(in);
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < size; i++) {
          b.put(readString(in), readString(in));
        }
        l = b.build();
        labels.add(l);
      } else {
        l = labels.get(lid - 1);
      }
      long ts = in.getLong();
      int kt = in.get();
      MetricKind kind = KINDS[kt >> 4];
      Temporality temporality = TEMPORALITIES[kt & 0x7];
      long start = in.getLong();
      if (kind == MetricKind.HISTOGRAM && (kt & PART) == 0) {
        int nb = readVarInt(in);
        double[] ub = new double[nb];
        for (int i = 0; i < nb; i++) {
          ub[i] = in.getDouble();
        }
        long[] counts = new long[nb + 1];
        for (int i = 0; i <= nb; i++) {
          counts[i] = readVarLong(in);
        }
        long count = readVarLong(in);
        double sum = in.getDouble();
        samples.add(new Sample(metric, l, ts, kind, temporality, 0, new Buckets(ub, counts, count, sum), start));
      } else {
        samples.add(new Sample(metric, l, ts, kind, temporality, in.getDouble(), null, start));
      }
    }
    return samples;
  }

  private static String readString(ByteBuffer in) {
    int len = readVarInt(in);
    String s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
    in.position(in.position() + len);
    return s;
  }

  static int readVarInt(ByteBuffer in) {
    return (int) readVarLong(in);
  }

  static long readVarLong(ByteBuffer in) {
    long v = 0;
    int shift = 0;
    while (true) {
      byte b = in.get();
      v |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
      if (shift > 63) {
        throw new IllegalStateException("malformed varint in journal");
      }
    }
  }
}
