package io.glasshouse.alerts.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus/Alertmanager durations: {@code 1w2d3h4m5s6ms} (any non-empty subset, in that order), or {@code 0}. */
public final class Durations {
  private static final Pattern FORMAT = Pattern.compile(
      "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

  private Durations() {
  }

  /**
   * Parses {@code text}.
   *
   * @param key named in the error
   * @throws IllegalArgumentException naming {@code key} and the accepted form
   */
  public static Duration parse(String key, Object text) {
    String s = text == null ? "" : text.toString().trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORMAT.matcher(s);
    if (s.isEmpty() || !m.matches()) {
      throw new IllegalArgumentException(key + ": '" + s + "' is not a duration; write e.g. 30s, 5m, 1h30m, 7d");
    }
    long ms = 0;
    for (int i = 0; i < MS.length; i++) {
      if (m.group(i + 1) != null) {
        ms += Long.parseLong(m.group(i + 1)) * MS[i];
      }
    }
    return Duration.ofMillis(ms);
  }
}
