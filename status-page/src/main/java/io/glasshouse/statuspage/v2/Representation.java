package io.glasshouse.statuspage.v2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One precomputed answer: its bytes as is, gzipped and (when available) brotli-compressed, the entity tag of its
 * content and when it last changed.
 *
 * @param contentType the media type sent
 * @param identity the bytes
 * @param gzip the bytes gzipped
 * @param brotli the bytes brotli-compressed, or null
 * @param tag the entity tag's opaque part (a hash of {@code identity}); each encoding's ETag adds a suffix
 * @param lastModified when {@code identity} last changed, whole seconds
 */
record Representation(String contentType, byte[] identity, byte[] gzip, byte[] brotli, String tag,
    Instant lastModified) {

  /** Encodes {@code body}; keeps {@code previous} (and its Last-Modified) when the bytes did not change. */
  static Representation of(String contentType, String body, Representation previous, Instant now) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String tag = hash(bytes);
    if (previous != null && previous.tag.equals(tag) && previous.contentType.equals(contentType)) {
      return previous;
    }
    return new Representation(contentType, bytes, Encodings.gzip(bytes), Encodings.brotli(bytes), tag,
        now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static String hash(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
