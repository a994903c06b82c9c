package io.glasshouse.alerts.receiver;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** RFC 3339 times as Alertmanager writes them; its zero time for "not set". */
final class Times {
  static final String ZERO = "0001-01-01T00:00:00Z";

  private Times() {
  }

  static String rfc3339(Instant t) {
    return t == null ? ZERO : DateTimeFormatter.ISO_INSTANT.format(t);
  }
}
