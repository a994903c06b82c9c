package io.glasshouse.rollup.config;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of configuration values with errors that name the key. Durations are written as Prometheus does
 * ({@code 30s}, {@code 5m}, {@code 1h}, {@code 7d}, {@code 250ms}) or ISO-8601 ({@code PT5M}).
 */
public final class ConfigValues {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private ConfigValues() {
  }

  public static Duration parseDuration(String s) {
    Matcher m = SIMPLE.matcher(s.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofDays(7 * n);
      };
    }
    try {
      return Duration.parse(s.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a duration: '" + s + "' (write e.g. 30s, 5m, 1h, 7d or PT5M)");
    }
  }

  public static Duration duration(JsonObject json, String fullKey, String key, Duration dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    try {
      return parseDuration(String.valueOf(v));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(fullKey + ": " + e.getMessage());
    }
  }

  public static int integer(JsonObject json, String fullKey, String key, int dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(fullKey + " must be a whole number, got: " + v);
    }
  }
}
