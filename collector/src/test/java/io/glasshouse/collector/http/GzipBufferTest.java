package io.glasshouse.collector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipBufferTest {
  static byte[] gzip(byte[]... members) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] m : members) {
      try (GZIPOutputStream gz = new GZIPOutputStream(out) {
        @Override
        public void close() throws IOException {
          finish(); // keep the outer stream open for the next member
        }
      }) {
        gz.write(m);
      }
    }
    return out.toByteArray();
  }

  @Test
  void bodiesAreGunzippedIntoTheBufferTheThreadReusesAndAgreeWithTheReference() throws Exception {
    byte[] a = new byte[300_000];
    new Random(3).nextBytes(a);
    byte[] b = "a shorter body".getBytes();

    SnappyBuffer.Decompressed first = GzipBuffer.gunzip(gzip(a), 1 << 20);
    assertThat(Arrays.copyOf(first.bytes(), first.length())).isEqualTo(a)
        .isEqualTo(ContentDecoding.gunzip(gzip(a), 1 << 20));
    SnappyBuffer.Decompressed second = GzipBuffer.gunzip(gzip(b, b), 1 << 20);

    assertThat(second.bytes()).isSameAs(first.bytes());
    assertThat(Arrays.copyOf(second.bytes(), second.length())).isEqualTo((new String(b) + new String(b)).getBytes());
  }

  @Test
  void aBodyInflatingPastTheLimitIs413AfterAllocatingAtMostTwiceTheLimitOnceAndNothingThen() throws Exception {
    byte[] bomb = gzip(new byte[200 << 20]); // 200 MiB of zeros in about 200 KiB
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    GzipBuffer.gunzip(gzip(new byte[10]), 1 << 20); // warm
    long before = threads.getCurrentThreadAllocatedBytes();

    assertThatThrownBy(() -> GzipBuffer.gunzip(bomb, 4 << 20)).isInstanceOfSatisfying(HttpProblem.class,
        p -> assertThat(p.status()).isEqualTo(413));
    long first = threads.getCurrentThreadAllocatedBytes() - before;
    assertThatThrownBy(() -> GzipBuffer.gunzip(bomb, 4 << 20)).isInstanceOf(HttpProblem.class);
    long second = threads.getCurrentThreadAllocatedBytes() - before - first;

    assertThat(first).isLessThan(2 * (4 << 20) + (2 << 20)); // the buffer doubling up to the limit, once
    assertThat(second).isLessThan(1 << 20); // then the thread's buffer is reused
  }

  @Test
  void aBodyOfExactlyTheLimitPassesAndOneByteMoreIs413AsWithTheReference() throws Exception {
    byte[] exact = new byte[100_000];
    assertThat(GzipBuffer.gunzip(gzip(exact), exact.length).length()).isEqualTo(exact.length);
    assertThatThrownBy(() -> GzipBuffer.gunzip(gzip(new byte[exact.length + 1]), exact.length))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(413));
    assertThatThrownBy(() -> ContentDecoding.gunzip(gzip(new byte[exact.length + 1]), exact.length))
        .isInstanceOfSatisfying(HttpProblem.class, p -> assertThat(p.status()).isEqualTo(413));
  }

  @Test
  void whatIsNotGzipIs400AsWithTheReference() throws Exception {
    byte[] cut = Arrays.copyOf(gzip("some text to compress".getBytes()), 15);
    for (byte[] body : new byte[][] {"not gzip".getBytes(), new byte[0], cut}) {
      assertThatThrownBy(() -> GzipBuffer.gunzip(body, 1 << 20)).isInstanceOfSatisfying(HttpProblem.class,
          p -> assertThat(p.status()).isEqualTo(400));
      assertThatThrownBy(() -> ContentDecoding.gunzip(body, 1 << 20)).isInstanceOfSatisfying(HttpProblem.class,
          p -> assertThat(p.status()).isEqualTo(400));
    }
  }
}
