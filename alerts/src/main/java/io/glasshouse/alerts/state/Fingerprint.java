package io.glasshouse.alerts.state;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's alert fingerprint (prometheus/common {@code model.LabelSet.Fingerprint}): FNV-1a 64 over the
 * label names in byte order, each name and value followed by the separator byte 255, written as 16 lower-case
 * hex digits. The same labels always give the same fingerprint, in any process, and the same one Alertmanager
 * shows for them.
 */
public final class Fingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final int SEPARATOR = 255;

  private Fingerprint() {
  }

  /** The fingerprint of {@code labels} as 16 hex digits. */
  public static String of(Map<String, String> labels) {
    TreeMap<String, String> sorted = labels instanceof TreeMap<String, String> t && t.comparator() == null
        ? t : new TreeMap<>(labels);
    long h = OFFSET;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      h = add(h, e.getKey());
      h = addByte(h, SEPARATOR);
      h = add(h, e.getValue());
      h = addByte(h, SEPARATOR);
    }
    return String.format("%016x", h);
  }

  private static long add(long h, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = addByte(h, b & 0xff);
    }
    return h;
  }

  private static long addByte(long h, int b) {
    return (h ^ b) * PRIME;
  }
}
