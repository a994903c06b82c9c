package io.glasshouse.collector.http;

import java.util.Arrays;

/**
 * The byte array each thread (event loop or decode worker) decompresses request bodies into, shared by
 * {@link SnappyBuffer} and {@link GzipBuffer} (a thread decodes one body at a time). It grows to the largest body
 * seen, but only up to {@value #RETAINED_BYTES} bytes is kept between requests; larger bodies get an array of
 * their own that is let go afterwards.
 */
final class ThreadBuffer {
  /** Largest buffer a thread keeps between requests. */
  static final int RETAINED_BYTES = 8 << 20;
  private static final ThreadLocal<byte[][]> BUFFERS = ThreadLocal.withInitial(() -> new byte[][] {new byte[64 << 10]});

  private ThreadBuffer() {
  }

  /** This thread's buffer, at least {@code length} bytes long (and at most {@code max}, unless length is more). */
  static byte[] atLeast(int length, long max) {
    byte[][] holder = BUFFERS.get();
    byte[] out = holder[0];
    if (out.length < length) {
      out = new byte[Math.max(length, (int) Math.min(max, Math.min(RETAINED_BYTES, 2L * out.length)))];
      if (out.length <= RETAINED_BYTES) {
        holder[0] = out;
      }
    }
    return out;
  }

  /** A larger buffer holding what {@code old} holds; kept as this thread's when small enough. */
  static byte[] grow(byte[] old, int length) {
    byte[] out = Arrays.copyOf(old, length);
    if (length <= RETAINED_BYTES) {
      BUFFERS.get()[0] = out;
    }
    return out;
  }
}
