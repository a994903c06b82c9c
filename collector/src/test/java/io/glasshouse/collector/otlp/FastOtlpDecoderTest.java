package io.glasshouse.collector.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class FastOtlpDecoderTest {
  static DecodedBatch decodeUnchecked(byte[] body) {
    try {
      return FastOtlpDecoder.decode(body);
    } catch (UndecodableException | RequestTooLargeException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAttributeLengthPrefixClaiming2GiBIsRefusedAsUndecodableWithoutAllocatingIt() {
    // resource_metrics { resource { attributes { key: <claims 2^31 - 1 bytes> } } } in a 16-byte body
    byte[] body = {0x0a, 0x0e, 0x0a, 0x0c, 0x0a, 0x0a, 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07,
        'a', 'b', 'c', 'd'};
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    decodeUnchecked(MicrometerBodies.bodies(1).get(0)); // warm
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> FastOtlpDecoder.decode(body)).isInstanceOf(UndecodableException.class)
        .hasMessageContaining("ExportMetricsServiceRequest");

    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    new OtlpDecoderAgreement(ShapeLimits.DEFAULTS).check(body);
  }

  @Test
  void aTopLevelLengthPrefixClaiming2GiBIsRefusedLikeTheReference() {
    byte[] body = {0x0a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x0a, 0x00};
    OtlpDecoderAgreement agreement = new OtlpDecoderAgreement(ShapeLimits.DEFAULTS);

    agreement.check(body);

    assertThat(agreement.referenceRefused).isTrue();
  }

  @Test
  void labelStringsAreTheSameInstancesFromOneRequestToTheNext() {
    byte[] body = MicrometerBodies.bodies(1).get(0);

    DecodedBatch first = decodeUnchecked(body);
    DecodedBatch second = decodeUnchecked(body);

    assertThat(first.samples()).isNotEmpty();
    for (int i = 0; i < first.samples().size(); i++) {
      var a = first.samples().get(i);
      var b = second.samples().get(i);
      assertThat(b.metric()).isEqualTo(a.metric());
      for (int l = 0; l < a.labels().size(); l++) {
        assertThat(b.labels().name(l)).isSameAs(a.labels().name(l));
        assertThat(b.labels().value(l)).isSameAs(a.labels().value(l));
      }
    }
  }

  @Test
  void theSampleBucketAndValueLimitsRefuseAsTheShapeCheckDoesNamingTheSameLimit() {
    byte[] body = MicrometerBodies.bodies(1).get(0);
    for (ShapeLimits tight : List.of(new ShapeLimits(2, 2048, 100_000, 100_000),
        new ShapeLimits(100_000, 3, 100_000, 100_000), new ShapeLimits(100_000, 2048, 10, 100_000),
        new ShapeLimits(100_000, 2048, 100_000, 30))) {
      OtlpDecoderAgreement agreement = new OtlpDecoderAgreement(tight);
      agreement.check(body);
      assertThat(agreement.referenceRefusal).isInstanceOf(RequestTooLargeException.class);
    }
  }

  @Test
  void decodingAnOffsetSliceReadsOnlyThatSlice() {
    byte[] body = MicrometerBodies.bodies(1).get(0);
    byte[] padded = new byte[body.length + 10];
    java.util.Arrays.fill(padded, (byte) 0xff);
    System.arraycopy(body, 0, padded, 5, body.length);

    DecodedBatch d;
    try {
      d = FastOtlpDecoder.forThisThread().decode(padded, 5, body.length, ShapeLimits.DEFAULTS.budget());
    } catch (UndecodableException | RequestTooLargeException e) {
      throw new AssertionError(e);
    }

    assertThat(d.samples()).containsExactlyElementsOf(decodeUnchecked(body).samples());
  }
}
