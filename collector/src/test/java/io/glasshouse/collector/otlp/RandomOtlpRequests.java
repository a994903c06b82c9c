package io.glasshouse.collector.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * Seeded random OTLP metrics requests: every data type, temporality (also unspecified and unknown), attribute
 * value type, flag and unit the decoders treat differently, built with the generated classes; and, at random,
 * messages given as the concatenation of two messages (which protobuf merges: a name after the data, a second
 * data case, a resource after the scopes, a second value of an attribute).
 */
final class RandomOtlpRequests {
  static final long T = 1_795_780_800_000L * 1_000_000L;
  private static final String[] KEYS = {"service.name", "service.instance.id", "service.version", "telemetry.sdk.name",
      "http.route", "http_route", "zone", "", "bad-key", "ünï", "a.b.c", "quantile", "instance"};
  private static final String[] STRINGS = {"checkout", "i-1", "", "1.2.3", "é", "日本", "😀", "x".repeat(140),
      "/api/v1/users", "eu"};
  private static final String[] NAMES = {"http.server.requests", "orders", "queue_depth", "", "bad name", "jobs.run",
      "métrique"};
  private static final String[] UNITS = {"", "ms", "milliseconds", "s", "ns", "us", "bytes", "min", "h"};
  private static final double[] NUMBERS = {0, 1, -1, 2.5, Double.NaN, Double.POSITIVE_INFINITY, 1e300, -0.0, 0.001,
      Double.NEGATIVE_INFINITY};

  private RandomOtlpRequests() {
  }

  /** A request: resource metrics written field by field, some of their messages merged from two. */
  static byte[] request(Random r) {
    Wire req = new Wire();
    int resources = r.nextInt(3);
    for (int i = 0; i < resources; i++) {
      Wire rm = new Wire();
      boolean resourceLast = r.nextInt(4) == 0;
      if (!resourceLast) {
        rm.message(1, maybeMerged(r, resource(r), resource(r)));
      }
      int scopes = r.nextInt(3);
      for (int s = 0; s < scopes; s++) {
        Wire sm = new Wire();
        if (r.nextBoolean()) {
          sm.message(1, InstrumentationScope.newBuilder().setName("io.micrometer").setVersion("1.17")
              .addAttributes(keyValue(r, 0)).build().toByteArray());
        }
        int metrics = r.nextInt(5);
        for (int m = 0; m < metrics; m++) {
          sm.message(2, r.nextInt(6) == 0 ? merged(metric(r), metric(r)) : metric(r).toByteArray());
        }
        rm.message(2, sm.bytes());
      }
      if (resourceLast || r.nextInt(8) == 0) {
        rm.message(1, resource(r).toByteArray());
      }
      if (r.nextInt(8) == 0) {
        rm.bytes(unknown(r).toByteArray());
      }
      req.message(1, rm.bytes());
    }
    return req.bytes();
  }

  static Resource resource(Random r) {
    Resource.Builder b = Resource.newBuilder();
    if (r.nextInt(6) > 0) {
      b.addAttributes(KeyValue.newBuilder().setKey("service.name").setValue(string(r.nextInt(5) > 0 ? "checkout" : "")));
    }
    if (r.nextInt(4) > 0) {
      b.addAttributes(KeyValue.newBuilder().setKey("service.instance.id").setValue(string("i-" + r.nextInt(3))));
    }
    int more = r.nextInt(4);
    for (int i = 0; i < more; i++) {
      b.addAttributes(keyValue(r, 0));
    }
    return b.build();
  }

  static AnyValue string(String s) {
    return AnyValue.newBuilder().setStringValue(s).build();
  }

  static KeyValue keyValue(Random r, int depth) {
    KeyValue.Builder kv = KeyValue.newBuilder().setKey(pick(r, KEYS));
    if (r.nextInt(10) > 0) {
      kv.setValue(anyValue(r, depth));
    }
    if (r.nextInt(30) == 0) {
      kv.setKeyStrindex(r.nextInt(5));
    }
    return kv.build();
  }

  static AnyValue anyValue(Random r, int depth) {
    AnyValue.Builder v = AnyValue.newBuilder();
    switch (r.nextInt(depth > 2 ? 6 : 12)) {
      case 0 -> v.setBoolValue(r.nextBoolean());
      case 1 -> v.setIntValue(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(100));
      case 2 -> v.setDoubleValue(pick(r, NUMBERS));
      case 3 -> v.setBytesValue(ByteString.copyFrom(new byte[] {(byte) r.nextInt(256), 0, (byte) 0xff}));
      case 4 -> v.setStringValueStrindex(r.nextInt(4));
      case 5 -> {
        // unset
      }
      case 6, 7 -> {
        ArrayValue.Builder a = ArrayValue.newBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.addValues(r.nextInt(3) == 0 ? string("") : anyValue(r, depth + 1));
        }
        v.setArrayValue(a);
      }
      case 8 -> {
        KeyValueList.Builder l = KeyValueList.newBuilder();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
          l.addValues(keyValue(r, depth + 1));
        }
        v.setKvlistValue(l);
      }
      default -> v.setStringValue(pick(r, STRINGS));
    }
    return v.build();
  }

  static Metric metric(Random r) {
    Metric.Builder m = Metric.newBuilder().setName(pick(r, NAMES)).setUnit(pick(r, UNITS));
    if (r.nextInt(4) == 0) {
      m.setDescription("what it counts");
    }
    if (r.nextInt(10) == 0) {
      m.addMetadata(keyValue(r, 0));
    }
    int points = r.nextInt(4);
    switch (r.nextInt(6)) {
      case 0 -> {
        Gauge.Builder g = Gauge.newBuilder();
        for (int i = 0; i < points; i++) {
          g.addDataPoints(number(r));
        }
        m.setGauge(g);
      }
      case 1 -> {
        Sum.Builder s = Sum.newBuilder().setIsMonotonic(r.nextInt(4) > 0).setAggregationTemporalityValue(temporality(r));
        for (int i = 0; i < points; i++) {
          s.addDataPoints(number(r));
        }
        m.setSum(s);
      }
      case 2 -> {
        Histogram.Builder h = Histogram.newBuilder().setAggregationTemporalityValue(temporality(r));
        for (int i = 0; i < points; i++) {
          h.addDataPoints(histogram(r));
        }
        m.setHistogram(h);
      }
      case 3 -> {
        ExponentialHistogram.Builder h = ExponentialHistogram.newBuilder()
            .setAggregationTemporalityValue(temporality(r));
        for (int i = 0; i < points; i++) {
          h.addDataPoints(exponential(r));
        }
        m.setExponentialHistogram(h);
      }
      case 4 -> {
        Summary.Builder s = Summary.newBuilder();
        for (int i = 0; i < points; i++) {
          s.addDataPoints(summary(r));
        }
        m.setSummary(s);
      }
      default -> {
        // no data
      }
    }
    if (r.nextInt(10) == 0) {
      m.setUnknownFields(unknown(r));
    }
    return m.build();
  }

  private static int temporality(Random r) {
    int t = r.nextInt(10);
    return t < 4 ? 2 : t < 8 ? 1 : t == 8 ? 0 : 7;
  }

  private static int flags(Random r) {
    return r.nextInt(8) == 0 ? r.nextInt(4) : 0;
  }

  private static void attributes(Random r, java.util.function.Consumer<KeyValue> add) {
    int n = r.nextInt(4);
    for (int i = 0; i < n; i++) {
      add.accept(keyValue(r, 0));
    }
  }

  static NumberDataPoint number(Random r) {
    NumberDataPoint.Builder p = NumberDataPoint.newBuilder().setTimeUnixNano(T + r.nextInt(1000) * 1_000_000L)
        .setStartTimeUnixNano(r.nextBoolean() ? 0 : T - 60_000_000_000L).setFlags(flags(r));
    attributes(r, p::addAttributes);
    switch (r.nextInt(5)) {
      case 0 -> p.setAsInt(r.nextInt(3) == 0 ? r.nextLong() : r.nextInt(1000));
      case 1 -> {
        // no value
      }
      default -> p.setAsDouble(r.nextInt(3) == 0 ? pick(r, NUMBERS) : r.nextDouble() * 100);
    }
    if (r.nextInt(8) == 0) {
      p.addExemplars(Exemplar.newBuilder().setAsDouble(1).setSpanId(ByteString.copyFrom(new byte[8]))
          .addFilteredAttributes(keyValue(r, 0)));
    }
    return p.build();
  }

  static HistogramDataPoint histogram(Random r) {
    HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setTimeUnixNano(T).setStartTimeUnixNano(T - 1)
        .setFlags(flags(r));
    attributes(r, p::addAttributes);
    int bounds = r.nextInt(5);
    for (int i = 0; i < bounds; i++) {
      p.addExplicitBounds(i == bounds - 1 && r.nextInt(4) == 0 ? Double.POSITIVE_INFINITY : (i + 1) * 10.0);
    }
    int counts = r.nextInt(6) == 0 ? r.nextInt(6) : r.nextInt(4) == 0 ? 0 : bounds + 1;
    long total = 0;
    for (int i = 0; i < counts; i++) {
      long c = r.nextInt(20) == 0 ? -1 - r.nextInt(5) : r.nextInt(10);
      p.addBucketCounts(c);
      total += c;
    }
    p.setCount(r.nextInt(5) == 0 ? r.nextInt(30) : total);
    if (r.nextBoolean()) {
      p.setSum(r.nextDouble() * 100);
    }
    if (r.nextInt(4) == 0) {
      p.setMin(0.5).setMax(99);
    }
    return p.build();
  }

  static ExponentialHistogramDataPoint exponential(Random r) {
    ExponentialHistogramDataPoint.Builder p = ExponentialHistogramDataPoint.newBuilder().setTimeUnixNano(T)
        .setStartTimeUnixNano(T - 1).setScale(r.nextInt(9) - 3).setFlags(flags(r))
        .setZeroCount(r.nextInt(3)).setZeroThreshold(r.nextInt(3) == 0 ? r.nextDouble() * 8 : 0);
    attributes(r, p::addAttributes);
    var positive = ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(r.nextInt(40) - 20);
    int n = r.nextInt(6);
    long total = 0;
    for (int i = 0; i < n; i++) {
      long c = r.nextInt(10);
      positive.addBucketCounts(c);
      total += c;
    }
    p.setPositive(positive);
    if (r.nextInt(3) == 0) {
      p.setNegative(ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(-2).addBucketCounts(3)
          .addBucketCounts(r.nextInt(20) == 0 ? -1 : 1));
      total += 4;
    }
    p.setCount(r.nextInt(5) == 0 ? r.nextInt(30) : total + p.getZeroCount());
    if (r.nextBoolean()) {
      p.setSum(r.nextDouble() * 100);
    }
    return p.build();
  }

  static SummaryDataPoint summary(Random r) {
    SummaryDataPoint.Builder p = SummaryDataPoint.newBuilder().setTimeUnixNano(T).setStartTimeUnixNano(T - 1)
        .setCount(r.nextInt(100)).setSum(r.nextInt(4) == 0 ? -3 : r.nextDouble() * 50).setFlags(flags(r));
    attributes(r, p::addAttributes);
    int q = r.nextInt(3);
    for (int i = 0; i < q; i++) {
      p.addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(i == 0 ? 0.5 : 0.99)
          .setValue(r.nextInt(5) == 0 ? Double.NaN : r.nextDouble()));
    }
    return p.build();
  }

  static UnknownFieldSet unknown(Random r) {
    UnknownFieldSet.Field.Builder f = UnknownFieldSet.Field.newBuilder();
    switch (r.nextInt(5)) {
      case 0 -> f.addVarint(r.nextLong());
      case 1 -> f.addFixed32(r.nextInt());
      case 2 -> f.addFixed64(r.nextLong());
      case 3 -> f.addLengthDelimited(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x00, (byte) 0xc3}));
      default -> f.addGroup(UnknownFieldSet.newBuilder().addField(2, UnknownFieldSet.Field.newBuilder()
          .addVarint(5).build()).build());
    }
    return UnknownFieldSet.newBuilder().addField(40 + r.nextInt(30), f.build()).build();
  }

  private static byte[] maybeMerged(Random r, Message a, Message b) {
    return r.nextInt(5) == 0 ? merged(a, b) : a.toByteArray();
  }

  /** The bytes of {@code a} then {@code b}: what protobuf reads as {@code a} merged with {@code b}. */
  static byte[] merged(Message a, Message b) {
    byte[] x = a.toByteArray();
    byte[] y = b.toByteArray();
    byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, out, x.length, y.length);
    return out;
  }

  private static <T> T pick(Random r, T[] from) {
    return from[r.nextInt(from.length)];
  }

  private static double pick(Random r, double[] from) {
    return from[r.nextInt(from.length)];
  }

  /** Writes fields one by one. */
  static final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CodedOutputStream coded = CodedOutputStream.newInstance(out);

    Wire message(int field, byte[] bytes) {
      try {
        coded.writeByteArray(field, bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Wire bytes(byte[] raw) {
      try {
        coded.writeRawBytes(raw);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] bytes() {
      try {
        coded.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
