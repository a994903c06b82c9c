package io.glasshouse.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class SnappyBufferTest {
  @Test
  void bodiesAreUncompressedIntoOneBufferTheThreadReuses() throws Exception {
    byte[] a = new byte[10_000];
    Arrays.fill(a, (byte) 'a');
    byte[] b = "a shorter body".getBytes();

    SnappyBuffer.Decompressed first = SnappyBuffer.unsnappy(Snappy.compress(a), 1 << 20);
    byte[] firstArray = first.bytes();
    assertThat(Arrays.copyOf(firstArray, first.length())).isEqualTo(a);
    SnappyBuffer.Decompressed second = SnappyBuffer.unsnappy(Snappy.compress(b), 1 << 20);

    assertThat(second.bytes()).isSameAs(firstArray);
    assertThat(Arrays.copyOf(second.bytes(), second.length())).isEqualTo(b);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeAllocatingAndCorruptInputIs400() {
    byte[] claims2GiB = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x00, 0x01, 0x02};

    assertThatThrownBy(() -> SnappyBuffer.unsnappy(claims2GiB, 64L << 20)).isInstanceOfSatisfying(HttpProblem.class,
        p -> assertThat(p.status()).isEqualTo(413));
    assertThatThrownBy(() -> SnappyBuffer.unsnappy(new byte[] {0x05, 0x7f, 0x01}, 1 << 20))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(400));
    assertThatThrownBy(() -> SnappyBuffer.unsnappy("this is not snappy at all".getBytes(), 1 << 20))
        .isInstanceOf(HttpProblem.class);
  }

  @Test
  void bodiesLargerThanWhatIsRetainedGetAnArrayOfTheirOwn() throws Exception {
    byte[] big = new byte[SnappyBuffer.RETAINED_BYTES + 1];
    SnappyBuffer.Decompressed d = SnappyBuffer.unsnappy(Snappy.compress(big), 64L << 20);
    SnappyBuffer.Decompressed small = SnappyBuffer.unsnappy(Snappy.compress(new byte[10]), 64L << 20);

    assertThat(d.length()).isEqualTo(big.length);
    assertThat(small.bytes()).isNotSameAs(d.bytes());
    assertThat(small.bytes().length).isLessThanOrEqualTo(SnappyBuffer.RETAINED_BYTES);
  }
}
