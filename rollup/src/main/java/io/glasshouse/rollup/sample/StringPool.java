package io.glasshouse.rollup.sample;

import java.util.HashMap;

/**
 * A per-thread pool of canonical label strings. Decoders create fresh strings for every request although a fleet
 * repeats the same names and values endlessly; handing the engine canonical instances lets series lookups hit
 * {@link String#equals}'s identity fast path (their hash codes are cached too) and keeps one copy of each
 * string in the series the engine holds. Bounded: a full pool is cleared and refills with what is current.
 * One pool per thread (event loops, the writer), so no locks are shared.
 */
final class StringPool {
  static final int MAX_ENTRIES = 1 << 16;
  private static final int MAX_LENGTH = 256;
  private static final ThreadLocal<StringPool> POOLS = ThreadLocal.withInitial(StringPool::new);

  private final HashMap<String, String> strings = new HashMap<>();

  static String canonical(String s) {
    return POOLS.get().get(s);
  }

  private String get(String s) {
    if (s.length() > MAX_LENGTH) {
      return s;
    }
    String c = strings.putIfAbsent(s, s);
    if (c != null) {
      return c;
    }
    if (strings.size() > MAX_ENTRIES) {
      strings.clear();
    }
    return s;
  }
}
