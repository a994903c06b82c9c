package io.glasshouse.collector.wire;

import java.util.Arrays;

/**
 * Turns UTF-8 bytes into strings, handing out the same {@code String} for the same bytes without decoding
 * them again: a fleet sends the same label names and values in every request, so after the first request a
 * decoder makes almost no strings. The strings are also canonical for the engine's series maps (identity
 * fast path in {@code equals}, cached hash codes).
 *
 * <p>Bounded, so a label explosion (a new value in every sample) cannot grow it: at most {@value #SLOTS}
 * strings of at most {@value #MAX_LENGTH} bytes each (longer ones are decoded every time). A string whose
 * probe window is full replaces the oldest-probed entry; nothing else is ever evicted, and the table's size
 * never changes. Worst case about 5 MiB per table. Not thread-safe: one per thread (each decoder thread owns
 * one).
 */
public final class StringInterner {
  /** Entries in the table. */
  public static final int SLOTS = 1 << 14;
  /** Longest string (in UTF-8 bytes) kept. */
  public static final int MAX_LENGTH = 128;
  private static final int PROBES = 8;

  private final boolean dotsAsUnderscores;
  private final byte[][] keys = new byte[SLOTS][];
  private final String[] strings = new String[SLOTS];
  private final int[] hashes = new int[SLOTS];
  private int size;

  /** An interner handing out the strings as sent. */
  public StringInterner() {
    this(false);
  }

  private StringInterner(boolean dotsAsUnderscores) {
    this.dotsAsUnderscores = dotsAsUnderscores;
  }

  /**
   * An interner handing out each string with its dots replaced by underscores (OTLP attribute keys made label
   * names: {@code http.route} → {@code http_route}), so the mapped name is made once, not per point.
   */
  public static StringInterner withDotsAsUnderscores() {
    return new StringInterner(true);
  }

  /**
   * The string of {@code len} UTF-8 bytes at {@code off} of {@code b} (dots replaced, for an interner
   * {@link #withDotsAsUnderscores()}).
   *
   * @throws WireException when the bytes are not valid UTF-8
   */
  public String intern(byte[] b, int off, int len) throws WireException {
    if (len == 0) {
      return "";
    }
    if (len > MAX_LENGTH) {
      return decode(b, off, len);
    }
    int h = hash(b, off, len);
    int home = h & (SLOTS - 1);
    for (int p = 0; p < PROBES; p++) {
      int slot = (home + p) & (SLOTS - 1);
      byte[] k = keys[slot];
      if (k == null) {
        return put(slot, h, b, off, len);
      }
      if (hashes[slot] == h && k.length == len && Arrays.equals(k, 0, len, b, off, off + len)) {
        return strings[slot];
      }
    }
    size--; // the probe window is full: replace its first entry
    return put(home, h, b, off, len);
  }

  /** Strings held. */
  public int size() {
    return size;
  }

  private String put(int slot, int h, byte[] b, int off, int len) throws WireException {
    String s = decode(b, off, len);
    keys[slot] = Arrays.copyOfRange(b, off, off + len);
    strings[slot] = s;
    hashes[slot] = h;
    size++;
    return s;
  }

  private String decode(byte[] b, int off, int len) throws WireException {
    String s = Utf8.decode(b, off, len);
    return dotsAsUnderscores && s.indexOf('.') >= 0 ? s.replace('.', '_') : s;
  }

  private static int hash(byte[] b, int off, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int end = off + len;
    int i = off;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ WireReader.long64(b, i)) * 0xBF58476D1CE4E5B9L;
    }
    for (; i < end; i++) {
      h = (h ^ b[i]) * 0x94D049BB133111EBL;
    }
    // murmur3's finalizer: every input bit reaches the low bits the slot is taken from
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }
}
