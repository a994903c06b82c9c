package io.glasshouse.statuspage.v2;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** gzip (always) and brotli (when brotli4j's native library loads on this platform), done once per change. */
final class Encodings {
  private static final boolean BROTLI = loadBrotli();
  private static final Encoder.Parameters BROTLI_PARAMS = new Encoder.Parameters().setQuality(9).setMode(
      Encoder.Mode.TEXT);

  private Encodings() {
  }

  /** True when brotli answers are available. */
  static boolean brotli() {
    return BROTLI;
  }

  static byte[] gzip(byte[] in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 3 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      gz.write(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Brotli-compressed bytes, or null when brotli is unavailable. */
  static byte[] brotli(byte[] in) {
    if (!BROTLI) {
      return null;
    }
    try {
      return Encoder.compress(in, BROTLI_PARAMS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean loadBrotli() {
    try {
      Brotli4jLoader.ensureAvailability();
      return true;
    } catch (Throwable e) {
      return false;
    }
  }
}
