package io.glasshouse.rollup.config;

import io.glasshouse.rollup.query.TimeSyntax;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of configuration values with errors that name the key: the one place every module's
 * configuration is parsed. Durations are written as Prometheus does ({@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 7d}, {@code 250ms}), in ISO-8601 ({@code PT5M}) or as whole seconds; the same syntax the read API and the
 * command line take ({@link TimeSyntax#parseDuration}). Sizes are bytes with an optional unit ({@code 16MiB},
 * {@code 10MB}). Values of keys whose name contains {@code token} are never shown in messages.
 *
 * <p>Each read takes the raw value (null for "not set") and the full key for messages, e.g.
 * {@code duration(json.getValue("late-window"), "rollup.late-window", Duration.ofHours(1))}.
 */
public final class ConfigValues {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

  private ConfigValues() {
  }

  /** A duration as the read API takes it ({@link TimeSyntax#parseDuration}): 30s, 5m, 1h30m, 7d, PT5M, or seconds. */
  public static Duration parseDuration(String s) {
    return TimeSyntax.parseDuration(s);
  }

  public static Duration duration(JsonObject json, String fullKey, String key, Duration dflt) {
    return duration(json.getValue(key), fullKey, dflt);
  }

  /** A duration, or {@code dflt} when {@code v} is null; a number is whole seconds. */
  public static Duration duration(Object v, String fullKey, Duration dflt) {
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue()) {
      return Duration.ofSeconds(n.longValue());
    }
    try {
      return parseDuration(v.toString());
    } catch (IllegalArgumentException e) {
      throw bad(fullKey, v, "a duration such as 90s, 5m, 1h30m, PT1H or a number of seconds");
    }
  }

  public static int integer(JsonObject json, String fullKey, String key, int dflt) {
    return integer(json.getValue(key), fullKey, dflt);
  }

  /** A whole number, or {@code dflt} when {@code v} is null. */
  public static int integer(Object v, String fullKey, int dflt) {
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw bad(fullKey, v, "a whole number");
    }
  }

  /** A size in bytes ({@code 16MiB}, {@code 512KiB}, {@code 10MB} or a number), or {@code dflt} when null. */
  public static long size(Object v, String fullKey, long dflt) {
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue()) {
      return n.longValue();
    }
    Matcher m = SIZE.matcher(v.toString().trim());
    if (!m.matches()) {
      throw bad(fullKey, v, "a size such as 16MiB, 512KiB, 10MB or a number of bytes");
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

  /** A list from a JSON array, a Java collection, or a comma-separated string (environment overrides). */
  public static Set<String> strings(Object v) {
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

  /** A count: a whole number from 1 to {@link Integer#MAX_VALUE}, or {@code dflt} when absent. */
  public static int count(JsonObject json, String fullKey, String key, int dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    long n;
    try {
      n = v instanceof Number num && num.doubleValue() == num.longValue() ? num.longValue()
          : Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw bad(fullKey, v, "a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  /** Refuses a value of zero or below. */
  public static void positive(String fullKey, long value) {
    if (value <= 0) {
      throw bad(fullKey, value, "a value above zero");
    }
  }

  /** Refuses empty tokens and tokens with spaces or non-ASCII characters. */
  public static void tokens(String fullKey, Set<String> tokens) {
    for (String t : tokens) {
      if (t.isBlank() || t.chars().anyMatch(ch -> ch <= ' ' || ch > '~')) {
        throw new IllegalArgumentException(fullKey + " holds an empty token or one with spaces or "
            + "non-ASCII characters; tokens are printable ASCII without spaces");
      }
    }
  }

  private static IllegalArgumentException bad(String fullKey, Object value, String allowed) {
    String shown = fullKey.contains("token") ? "(hidden)" : String.valueOf(value);
    return new IllegalArgumentException(fullKey + " must be " + allowed + ", got " + shown);
  }
}
