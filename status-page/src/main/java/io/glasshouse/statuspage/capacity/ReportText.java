package io.glasshouse.statuspage.capacity;

import io.glasshouse.statuspage.web.Escape;
import io.glasshouse.rollup.query.TimeSyntax;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the capacity report writes times, durations, percentages, numbers and escaped text. */
public final class ReportText {
  private ReportText() {
  }

  private static final DateTimeFormatter LABEL_DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  static final DateTimeFormatter LABEL_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  /** {@code Dec 3 14:05 UTC}. */
  static String dateTime(Instant t) {
    return LABEL_TIME.format(t) + " UTC";
  }

  /** {@code 30m}, {@code 1h}, {@code 1w}, {@code 90d}, {@code 1h30m}: {@link TimeSyntax#formatDuration}. */
  static String label(Duration d) {
    return TimeSyntax.formatDuration(d);
  }

  /** "in 3.5 h", or "already" when the time is not after now. */
  static String relative(Duration d) {
    return d.isNegative() || d.isZero() ? "already" : "in " + humanDuration(d);
  }

  static String humanDuration(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return "0 min";
    }
    long m = d.toMinutes();
    if (m < 120) {
      return m + " min";
    }
    if (m < 48 * 60) {
      return String.format(Locale.ROOT, "%.1f h", m / 60.0);
    }
    return String.format(Locale.ROOT, "%.1f days", m / 1440.0);
  }

  static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", v * 100);
  }

  /** Compact number: 3 significant digits with k/M/G/T suffixes. */
  static String fmt(double v) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    double a = Math.abs(v);
    String[] suffix = {"", "k", "M", "G", "T", "P"};
    int i = 0;
    while (a >= 1000 && i < suffix.length - 1) {
      a /= 1000;
      v /= 1000;
      i++;
    }
    String n;
    if (a == 0) {
      n = "0";
    } else if (a >= 100) {
      n = String.format(Locale.ROOT, "%.0f", v);
    } else if (a >= 10) {
      n = String.format(Locale.ROOT, "%.1f", v);
    } else if (a >= 0.01) {
      n = String.format(Locale.ROOT, "%.2f", v);
    } else {
      n = String.format(Locale.ROOT, "%.2g", v);
    }
    if (n.contains(".") && !n.contains("e")) {
      n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return n + suffix[i];
  }

  static String axisTime(Instant t, Duration span) {
    return span.compareTo(Duration.ofDays(14)) > 0 ? LABEL_DAY.format(t) : LABEL_TIME.format(t);
  }

  /** Escapes text for element content and attributes ({@link Escape#text}). */
  static String esc(String s) {
    return Escape.text(s);
  }
}
