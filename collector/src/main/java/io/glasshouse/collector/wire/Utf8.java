package io.glasshouse.collector.wire;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 as protobuf's proto3 string fields require it (the generated parser refuses the same inputs):
 * no overlong forms, no encoded surrogates, nothing above U+10FFFF, no stray or missing continuation bytes.
 * Thread-safe (stateless).
 */
public final class Utf8 {
  private Utf8() {
  }

  /** Whether {@code len} bytes at {@code off} are all ASCII. */
  static boolean ascii(byte[] b, int off, int len) {
    int end = off + len;
    int i = off;
    for (; i + 8 <= end; i += 8) {
      if ((WireReader.long64(b, i) & 0x8080808080808080L) != 0) {
        return false;
      }
    }
    for (; i < end; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The string of {@code len} UTF-8 bytes at {@code off}; refuses invalid UTF-8. */
  public static String decode(byte[] b, int off, int len) throws WireException {
    if (ascii(b, off, len)) {
      return new String(b, off, len, StandardCharsets.ISO_8859_1); // ASCII: a plain copy into a Latin-1 string
    }
    check(b, off, len);
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /** Refuses {@code len} bytes at {@code off} unless they are valid UTF-8. */
  public static void check(byte[] b, int off, int len) throws WireException {
    int end = off + len;
    int i = off;
    while (i < end) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        if (c == 0xe0) {
          lo = 0xa0; // overlong
        } else if (c == 0xed) {
          hi = 0x9f; // surrogates
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        if (c == 0xf0) {
          lo = 0x90; // overlong
        } else if (c == 0xf4) {
          hi = 0x8f; // above U+10FFFF
        }
      } else {
        throw invalid();
      }
      if (end - i <= need) {
        throw invalid();
      }
      int c1 = b[i + 1] & 0xff;
      if (c1 < lo || c1 > hi) {
        throw invalid();
      }
      for (int k = 2; k <= need; k++) {
        if ((b[i + k] & 0xc0) != 0x80) {
          throw invalid();
        }
      }
      i += need + 1;
    }
  }

  private static WireException invalid() {
    return new WireException("a string field holds invalid UTF-8");
  }
}
