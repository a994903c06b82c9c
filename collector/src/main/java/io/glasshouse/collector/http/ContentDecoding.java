package io.glasshouse.collector.http;

import io.glasshouse.collector.validate.UndecodableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import org.xerial.snappy.Snappy;

/**
 * Decompression with a size limit (the decompression-bomb guard). Both methods either return the whole
 * payload of at most {@code maxBytes} bytes or throw an {@link HttpProblem}: 413 when the payload would be
 * larger, 400 when the input is not valid for its encoding. Neither ever holds more than {@code maxBytes}
 * (plus one read buffer) of output.
 */
public final class ContentDecoding {
  private static final int READ_CHUNK = 64 * 1024;

  private ContentDecoding() {
  }

  /** Gunzips {@code body} (one or more gzip members). */
  public static byte[] gunzip(byte[] body, long maxBytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body), READ_CHUNK)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, READ_CHUNK * 4));
      byte[] buf = new byte[READ_CHUNK];
      long total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge("gzip", maxBytes);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw HttpProblem.undecodable("body is not valid gzip (" + UndecodableException.describe(e)
          + "); compress the whole body with gzip or drop the Content-Encoding header");
    }
  }

  /**
   * Uncompresses a snappy block-format body. The length the header announces is checked against
   * {@code maxBytes} before anything is allocated, and the input is checked to be a valid snappy block.
   */
  public static byte[] unsnappy(byte[] body, long maxBytes) {
    long declared = declaredSnappyLength(body);
    if (declared > maxBytes) {
      throw tooLarge("snappy", maxBytes);
    }
    try {
      int length = Snappy.uncompressedLength(body);
      if (length < 0 || length > maxBytes) {
        throw tooLarge("snappy", maxBytes);
      }
      if (!Snappy.isValidCompressedBuffer(body)) {
        throw HttpProblem.undecodable("body is not valid snappy block format; remote write bodies are "
            + "snappy-compressed protobuf (block format, not the framed/stream format)");
      }
      return Snappy.uncompress(body);
    } catch (IOException e) {
      throw HttpProblem.undecodable("body is not valid snappy block format (" + UndecodableException.describe(e)
          + "); remote write bodies are snappy-compressed protobuf (block format, not the framed format)");
    }
  }

  /**
   * The uncompressed length a snappy block announces in its header (a little-endian base-128 varint of at
   * most five bytes), read here because the library reports an implausible one as a parse error rather than
   * as too large; -1 when the header is cut short (the library then reports the broken body).
   */
  static long declaredSnappyLength(byte[] body) {
    long length = 0;
    for (int i = 0; i < Math.min(5, body.length); i++) {
      length |= (long) (body[i] & 0x7f) << (7 * i);
      if ((body[i] & 0x80) == 0) {
        return length;
      }
    }
    return body.length > 5 ? Long.MAX_VALUE : -1;
  }

  static HttpProblem tooLarge(String encoding, long maxBytes) {
    return HttpProblem.tooLarge("the " + encoding + " body decompresses to more than " + maxBytes + " bytes "
        + "(collector.max-decompressed-bytes); send smaller batches").withReason("decompressed_too_large");
  }
}
