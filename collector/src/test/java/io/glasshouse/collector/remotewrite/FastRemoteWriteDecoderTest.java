package io.glasshouse.collector.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.collector.remotewrite.proto.RemoteWriteProto.WriteRequest;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class FastRemoteWriteDecoderTest {
  static final long T = FastRemoteWriteDecoderAgreementTest.T;

  @Test
  void aLabelLengthPrefixClaiming2GiBIsRefusedAsUndecodableWithoutAllocatingIt() throws Exception {
    // timeseries { labels { name: <claims 2^31 - 1 bytes> } } inside a 20-byte body
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(new byte[] {0x0a, 0x0c, 0x0a, 0x0a, 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07});
    b.write(new byte[] {'a', 'b', 'c', 'd'});
    byte[] body = b.toByteArray();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    FastRemoteWriteDecoder.decode(FastRemoteWriteDecoderAgreementTest.loadgenShaped(1, 10).toByteArray()); // warm
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> FastRemoteWriteDecoder.decode(body)).isInstanceOf(UndecodableException.class)
        .hasMessageContaining("WriteRequest").hasMessageContaining("2147483647 bytes");

    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
    new DecoderAgreement(ShapeLimits.DEFAULTS).check(body);
  }

  @Test
  void aTopLevelLengthPrefixClaiming2GiBIsRefusedLikeTheReference() {
    byte[] body = {0x0a, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x0a, 0x00};
    DecoderAgreement agreement = new DecoderAgreement(ShapeLimits.DEFAULTS);

    agreement.check(body);

    assertThat(agreement.referenceRefused).isTrue();
  }

  @Test
  void labelStringsAreTheSameInstancesFromOneRequestToTheNext() throws Exception {
    byte[] body = FastRemoteWriteDecoderAgreementTest.loadgenShaped(7, 50).toByteArray();

    DecodedBatch first = FastRemoteWriteDecoder.decode(body);
    DecodedBatch second = FastRemoteWriteDecoder.decode(body);

    for (int i = 0; i < first.samples().size(); i++) {
      var a = first.samples().get(i);
      var b = second.samples().get(i);
      assertThat(b.metric()).isSameAs(a.metric());
      for (int l = 0; l < a.labels().size(); l++) {
        assertThat(b.labels().value(l)).isSameAs(a.labels().value(l));
      }
    }
  }

  @Test
  void theSampleAndValueLimitsRefuseAsTheShapeCheckDoes() {
    WriteRequest.Builder req = WriteRequest.newBuilder();
    for (int i = 0; i < 3; i++) {
      req.addTimeseries(FastRemoteWriteDecoderAgreementTest.series(i, T, "__name__", "g" + i, "job", "a"));
    }
    byte[] body = req.build().toByteArray();

    assertThatThrownBy(() -> FastRemoteWriteDecoder.forThisThread().decode(body, 0, body.length,
        new MetricFamilies(), new ShapeLimits(2, 10, 10, 1000).budget()))
        .isInstanceOf(RequestTooLargeException.class).hasMessageContaining("more than 2 samples");
    assertThatThrownBy(() -> FastRemoteWriteDecoder.forThisThread().decode(body, 0, body.length,
        new MetricFamilies(), new ShapeLimits(10, 10, 10, 20).budget()))
        .isInstanceOf(RequestTooLargeException.class).hasMessageContaining("more than 20 values");
  }

  @Test
  void decodingAnOffsetSliceReadsOnlyThatSlice() throws Exception {
    byte[] body = FastRemoteWriteDecoderAgreementTest.loadgenShaped(2, 3).toByteArray();
    byte[] padded = new byte[body.length + 10];
    java.util.Arrays.fill(padded, (byte) 0xff);
    System.arraycopy(body, 0, padded, 5, body.length);

    DecodedBatch d = FastRemoteWriteDecoder.forThisThread().decode(padded, 5, body.length, new MetricFamilies(),
        ShapeLimits.DEFAULTS.budget());

    assertThat(d.samples()).containsExactlyElementsOf(FastRemoteWriteDecoder.decode(body).samples());
  }
}
