package io.glasshouse.rollup.config;

import io.glasshouse.rollup.query.TimeSyntax;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Typed reads of configuration values with errors that name the key. Durations are written as Prometheus does
 * ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 7d}, {@code 250ms}), in ISO-8601 ({@code PT5M}) or as seconds;
 * the same syntax the read API takes.
 */
public final class ConfigValues {
  private ConfigValues() {
  }

  /** A duration as the read API takes it ({@link TimeSyntax#parseDuration}): 30s, 5m, 1h30m, 7d, PT5M, or seconds. */
  public static Duration parseDuration(String s) {
    return TimeSyntax.parseDuration(s);
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
