package io.glasshouse.collector.http;

import io.glasshouse.collector.validate.UndecodableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * gzip decompression into the buffer each thread reuses ({@link ThreadBuffer}), with the limits of
 * {@link ContentDecoding#gunzip}: the body is inflated as a stream that stops once more than {@code maxBytes}
 * bytes come out (413), so a small body that would inflate to gigabytes allocates at most {@code maxBytes}; a body
 * that is not gzip is a 400. The same JDK gzip reader as the reference, so the same bodies are accepted (one or
 * more members, trailers checked). The bytes are valid until the thread's next call.
 */
public final class GzipBuffer {
  private static final int INPUT_CHUNK = 8 << 10;

  private GzipBuffer() {
  }

  /**
   * Gunzips {@code body} into this thread's buffer.
   *
   * @throws HttpProblem 413 when it inflates to more than {@code maxBytes}, 400 when it is not valid gzip
   */
  public static SnappyBuffer.Decompressed gunzip(byte[] body, long maxBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), INPUT_CHUNK)) {
      byte[] out = ThreadBuffer.atLeast(0, maxBytes);
      int total = 0;
      while (true) {
        int room = (int) Math.min(out.length, maxBytes);
        if (total == room) {
          if (total >= maxBytes) {
            if (in.read() >= 0) {
              throw ContentDecoding.tooLarge("gzip", maxBytes);
            }
            break;
          }
          out = ThreadBuffer.grow(out, (int) Math.min(maxBytes, Math.max(2L * out.length, 1 << 16)));
          continue;
        }
        int n = in.read(out, total, room - total);
        if (n <= 0) {
          break;
        }
        total += n;
      }
      return new SnappyBuffer.Decompressed(out, total);
    } catch (IOException e) {
      throw HttpProblem.undecodable("body is not valid gzip (" + UndecodableException.describe(e)
          + "); compress the whole body with gzip or drop the Content-Encoding header");
    }
  }
}
