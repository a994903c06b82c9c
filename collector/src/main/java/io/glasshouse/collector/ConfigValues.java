package io.glasshouse.collector;

import io.vertx.core.json.JsonArray;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of raw config values; every failure names the full key. */
final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private ConfigValues() {
  }

  static long size(CollectorConfig c, String key, long dflt) {
    Object v = c.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue()) {
      return n.longValue();
    }
    Matcher m = SIZE.matcher(v.toString().trim());
    if (!m.matches()) {
      throw bad(c, key, v, "a size such as 16MiB, 512KiB, 10MB or a number of bytes");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return n * switch (unit) {
      case "kb" -> 1_000L;
      case "kib" -> 1L << 10;
      case "mb" -> 1_000_000L;
      case "mib" -> 1L << 20;
      case "gb" -> 1_000_000_000L;
      case "gib" -> 1L << 30;
      default -> 1L;
    };
  }

  static int integer(CollectorConfig c, String key, int dflt) {
    Object v = c.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.intValue() == n.doubleValue()) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(v.toString().trim());
    } catch (NumberFormatException e) {
      throw bad(c, key, v, "a whole number");
    }
  }

  static Duration duration(CollectorConfig c, String key, Duration dflt) {
    Object v = c.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue()) {
      return Duration.ofSeconds(n.longValue());
    }
    try {
      return io.glasshouse.rollup.config.ConfigValues.parseDuration(v.toString());
    } catch (IllegalArgumentException e) {
      throw bad(c, key, v, "a duration such as 90s, 5m, 1h30m, PT1H or a number of seconds");
    }
  }

  /** A list from a JSON array, a Java collection, or a comma-separated string (environment overrides). */
  static Set<String> strings(CollectorConfig c, String key) {
    Object v = c.get(key);
    Set<String> out = new LinkedHashSet<>();
    if (v == null) {
      return Set.of();
    } else if (v instanceof JsonArray a) {
      a.forEach(o -> out.add(String.valueOf(o)));
    } else if (v instanceof Collection<?> col) {
      col.forEach(o -> out.add(String.valueOf(o)));
    } else {
      for (String s : v.toString().split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return Set.copyOf(out);
  }

  static void positive(CollectorConfig c, String key, long value) {
    if (value <= 0) {
      throw bad(c, key, value, "a value above zero");
    }
  }

  static void tokens(CollectorConfig c, String key, Set<String> tokens) {
    for (String t : tokens) {
      if (t.isBlank() || t.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
        throw new IllegalArgumentException(c.prefix() + "." + key + " holds an empty token or one with spaces or "
            + "non-ASCII characters; tokens are printable ASCII without spaces");
      }
    }
  }

  private static IllegalArgumentException bad(CollectorConfig c, String key, Object value, String allowed) {
    String shown = key.contains("token") ? "(hidden)" : String.valueOf(value);
    return new IllegalArgumentException(c.prefix() + "." + key + " must be " + allowed + ", got " + shown);
  }
}
