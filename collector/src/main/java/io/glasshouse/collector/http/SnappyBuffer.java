package io.glasshouse.collector.http;

import io.glasshouse.collector.validate.UndecodableException;
import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Snappy block-format decompression into a buffer each thread (event loop or decode worker) reuses
 * ({@link ThreadBuffer}, shared with {@link GzipBuffer}), so a
 * remote-write request costs no fresh array of its decompressed size. The limits are those of
 * {@link ContentDecoding#unsnappy}: the length the header announces is checked against {@code maxBytes} before
 * anything is allocated, and the buffer is never written past that length. The buffer grows to the largest
 * body seen, but only up to {@value #RETAINED_BYTES} bytes is kept between requests (larger bodies get an array
 * of their own that is let go afterwards).
 *
 * <p>The bytes are valid until the thread's next call; callers decode them before returning (the decoded
 * samples must not refer to the buffer).
 */
public final class SnappyBuffer {
  /** Largest buffer a thread keeps between requests. */
  public static final int RETAINED_BYTES = ThreadBuffer.RETAINED_BYTES;

  private SnappyBuffer() {
  }

  /** Decompressed bytes: the first {@code length} bytes of {@code bytes}. */
  public record Decompressed(byte[] bytes, int length) {
  }

  /**
   * Uncompresses {@code body} into this thread's buffer.
   *
   * @throws HttpProblem 413 when it would be larger than {@code maxBytes}, 400 when it is not snappy block format
   */
  public static Decompressed unsnappy(byte[] body, long maxBytes) {
    long declared = ContentDecoding.declaredSnappyLength(body);
    if (declared > maxBytes) {
      throw ContentDecoding.tooLarge("snappy", maxBytes);
    }
    try {
      int length = Snappy.uncompressedLength(body, 0, body.length);
      if (length < 0 || length > maxBytes) {
        throw ContentDecoding.tooLarge("snappy", maxBytes);
      }
      byte[] out = ThreadBuffer.atLeast(length, maxBytes);
      int n = Snappy.uncompress(body, 0, body.length, out, 0);
      if (n != length) {
        throw notSnappy("its length header does not match its contents");
      }
      return new Decompressed(out, n);
    } catch (IOException e) {
      throw notSnappy(UndecodableException.describe(e));
    }
  }

  private static HttpProblem notSnappy(String why) {
    return HttpProblem.undecodable("body is not valid snappy block format (" + why + "); remote write bodies are "
        + "snappy-compressed protobuf (block format, not the framed/stream format)");
  }
}
