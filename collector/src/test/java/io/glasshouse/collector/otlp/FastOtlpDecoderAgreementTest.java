package io.glasshouse.collector.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.RandomRequests;
import io.glasshouse.collector.validate.ShapeLimits;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast OTLP decoder agrees with the reference (protobuf's generated classes and {@link OtlpDecoder}) on bodies
 * recorded from Micrometer's {@code OtlpMeterRegistry} and their truncations, on seeded random requests and random
 * byte mutations of them, on random bytes and on protobuf's merge rules: the same samples, rejections and drops, or
 * a refusal of the same class by both.
 */
class FastOtlpDecoderAgreementTest {
  private final OtlpDecoderAgreement agreement = new OtlpDecoderAgreement(ShapeLimits.DEFAULTS);

  @Test
  void micrometerBodiesOfEveryMeterTypeTemporalityAndHistogramFlavourDecodeAlikeAndSoDoTheirTruncations() {
    List<byte[]> bodies = MicrometerBodies.bodies(2);
    assertThat(bodies).hasSizeGreaterThanOrEqualTo(8);
    int samples = 0;
    for (byte[] body : bodies) {
      agreement.check(body);
      assertThat(agreement.referenceRefused).isFalse();
      samples += FastOtlpDecoderTest.decodeUnchecked(body).samples().size();
      for (int cut = 0; cut < body.length; cut += Math.max(1, body.length / 80)) {
        agreement.check(Arrays.copyOf(body, cut));
      }
    }
    assertThat(samples).as("samples the Micrometer bodies carry").isGreaterThan(100);
  }

  @Test
  void seededRandomRequestsAndTheirByteMutationsDecodeAlikeOrAreRefusedAlike() {
    Random random = new Random(20261130L);
    int refused = 0;
    for (int i = 0; i < 1500; i++) {
      byte[] body = RandomOtlpRequests.request(random);
      agreement.check(body);
      assertThat(agreement.referenceRefused).isFalse();
      for (int m = 0; m < 12; m++) {
        agreement.check(RandomRequests.mutate(body, random));
        refused += agreement.referenceRefused ? 1 : 0;
      }
    }
    assertThat(refused).as("mutations the reference refused (the fuzzing reaches malformed input)")
        .isGreaterThan(1000);
  }

  @Test
  void tightLimitsRefuseTheSameBodiesWithTheSameLimitNamed() {
    Random random = new Random(11L);
    OtlpDecoderAgreement tight = new OtlpDecoderAgreement(new ShapeLimits(6, 4, 12, 120));
    int tooLarge = 0;
    for (int i = 0; i < 1500; i++) {
      byte[] body = RandomOtlpRequests.request(random);
      tight.check(body);
      tooLarge += tight.referenceRefused ? 1 : 0;
      tight.check(RandomRequests.mutate(body, random));
    }
    assertThat(tooLarge).as("requests over the tight limits").isGreaterThan(100);
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
  void protobufMergeRulesAreKeptForSingularFieldsAndOneofs() {
    NumberDataPoint a = NumberDataPoint.newBuilder().setAsDouble(1).setTimeUnixNano(RandomOtlpRequests.T).build();
    NumberDataPoint b = NumberDataPoint.newBuilder().setAsInt(2).setTimeUnixNano(RandomOtlpRequests.T).build();
    Metric gauge = Metric.newBuilder().setName("first.name").setGauge(Gauge.newBuilder().addDataPoints(a)).build();
    Metric sum = Metric.newBuilder().setName("second.name").setUnit("ms").setSum(Sum.newBuilder()
        .setIsMonotonic(true).setAggregationTemporalityValue(2).addDataPoints(b)).build();
    KeyValue array1 = KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder().setArrayValue(
        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("")))).build();
    KeyValue string = KeyValue.newBuilder().setValue(AnyValue.newBuilder().setStringValue("s")).build();
    KeyValue array2 = KeyValue.newBuilder().setValue(AnyValue.newBuilder().setArrayValue(
        ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setIntValue(3)))).build();
    byte[] attribute = concat(array1.toByteArray(), string.toByteArray(), array2.toByteArray());
    var positive1 = ExponentialHistogramDataPoint.Buckets.newBuilder().setOffset(3).addBucketCounts(1).build();
    var positive2 = ExponentialHistogramDataPoint.Buckets.newBuilder().addBucketCounts(2).build();
    Metric exponential = Metric.newBuilder().setName("lat").setExponentialHistogram(
        io.opentelemetry.proto.metrics.v1.ExponentialHistogram.newBuilder().setAggregationTemporalityValue(1)
            .addDataPoints(parse(concat(
                ExponentialHistogramDataPoint.newBuilder().setPositive(positive1).setCount(3)
                    .setTimeUnixNano(RandomOtlpRequests.T).build().toByteArray(),
                ExponentialHistogramDataPoint.newBuilder().setPositive(positive2).build().toByteArray())))).build();

    List<byte[]> metrics = new ArrayList<>();
    metrics.add(RandomOtlpRequests.merged(gauge, sum)); // sum wins; name and unit of the second
    metrics.add(concat(RandomOtlpRequests.merged(gauge, sum), gauge.toByteArray())); // gauge again: both gauges
    metrics.add(concat(sum.toByteArray(), gauge.toByteArray(), sum.toByteArray()));
    metrics.add(exponential.toByteArray());
    for (byte[] metric : metrics) {
      RandomOtlpRequests.Wire scope = new RandomOtlpRequests.Wire().message(2, metric);
      RandomOtlpRequests.Wire resource = new RandomOtlpRequests.Wire()
          .message(2, scope.bytes())
          .message(1, Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
              .setValue(AnyValue.newBuilder().setStringValue("api"))).build().toByteArray())
          .message(1, new RandomOtlpRequests.Wire().message(1, attribute).bytes());
      byte[] body = new RandomOtlpRequests.Wire().message(1, resource.bytes()).bytes();
      agreement.check(body);
      assertThat(agreement.referenceRefused).isFalse();
      assertThat(FastOtlpDecoderTest.decodeUnchecked(body).samples()).isNotEmpty();
    }
  }

  @Test
  void messagesNestedJustBelowAndJustOverTheDepthLimitAreTreatedAlike() {
    for (int depth = 90; depth < 105; depth++) {
      AnyValue v = AnyValue.newBuilder().setStringValue("leaf").build();
      for (int i = 0; i < depth; i++) {
        v = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(v)).build();
      }
      ExportMetricsServiceRequest req = ExportMetricsServiceRequest.newBuilder().addResourceMetrics(
          ResourceMetrics.newBuilder().setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
              .setKey("deep").setValue(v))).addScopeMetrics(ScopeMetrics.newBuilder().addMetrics(
                  Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(
                      NumberDataPoint.newBuilder().setAsDouble(1)))))).build();
      agreement.check(req.toByteArray());
    }
  }

  @Test
  void groupsOfUnknownFieldsCountTowardsTheDepthLimitAsProtobufCountsThem() {
    for (int groups = 90; groups < 100; groups++) {
      // a point attribute (depth 6) holding an unknown field of `groups` nested groups
      RandomOtlpRequests.Wire g = new RandomOtlpRequests.Wire();
      byte[] inner = new byte[0];
      for (int i = 0; i < groups; i++) {
        inner = concat(new byte[] {(byte) (15 << 3 | 3)}, inner, new byte[] {(byte) (15 << 3 | 4)});
      }
      g.message(1, "k".getBytes()).bytes(inner);
      byte[] point = new RandomOtlpRequests.Wire().message(7, g.bytes()).bytes();
      byte[] metric = new RandomOtlpRequests.Wire().message(1, "g".getBytes())
          .message(5, new RandomOtlpRequests.Wire().message(1, point).bytes()).bytes();
      byte[] body = new RandomOtlpRequests.Wire().message(1, new RandomOtlpRequests.Wire()
          .message(2, new RandomOtlpRequests.Wire().message(2, metric).bytes()).bytes()).bytes();
      agreement.check(body);
    }
  }

  private static ExponentialHistogramDataPoint parse(byte[] bytes) {
    try {
      return ExponentialHistogramDataPoint.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
