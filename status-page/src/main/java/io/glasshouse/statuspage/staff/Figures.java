package io.glasshouse.statuspage.staff;

import io.glasshouse.rollup.status.ComponentStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the staff pages write figures: percentages, burn rates, times and durations, always with a word for what is
 * missing ("no data") rather than a blank or a zero. Pure functions, used by the templates.
 */
public final class Figures {
  /** What an undefined figure reads as. */
  public static final String NO_DATA = "no data";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private Figures() {
  }

  /** A ratio as a percentage with {@code digits} decimals: {@code 0.9995 → "99.95%"}; null or NaN → no data. */
  public static String percent(Double ratio, int digits) {
    if (ratio == null || ratio.isNaN() || ratio.isInfinite()) {
      return NO_DATA;
    }
    return String.format(Locale.ROOT, "%." + digits + "f%%", ratio * 100);
  }

  /** A target: as many decimals as it needs, up to 4 ({@code 0.999 → "99.9%"}). */
  public static String objective(double target) {
    String s = String.format(Locale.ROOT, "%.4f", target * 100).replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + "%";
  }

  /** A burn rate: {@code 14.4 → "14.4×"}, two significant decimals below 1; null → no data. */
  public static String burn(Double rate) {
    if (rate == null || rate.isNaN() || rate.isInfinite()) {
      return NO_DATA;
    }
    return String.format(Locale.ROOT, rate < 1 ? "%.2f×" : rate < 100 ? "%.1f×" : "%.0f×", rate);
  }

  /** An instant to the minute, in UTC; null → "—". */
  public static String time(Instant t) {
    return t == null ? "—" : TIME.format(t);
  }

  /** Epoch milliseconds as {@link #time(Instant)}. */
  public static String time(long epochMs) {
    return time(Instant.ofEpochMilli(epochMs));
  }

  /** The machine-readable form for {@code <time datetime>}; null → null (the attribute is then left out). */
  public static String iso(Instant t) {
    return t == null ? null : t.toString();
  }

  /** A duration in its two largest units: {@code "2d 3h"}, {@code "45m"}, {@code "30s"}; null → no data. */
  public static String duration(Duration d) {
    if (d == null) {
      return NO_DATA;
    }
    String sign = d.isNegative() ? "−" : "";
    long s = Math.abs(d.toSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    if (days > 0) {
      return sign + days + "d" + (hours > 0 ? " " + hours + "h" : "");
    }
    if (hours > 0) {
      return sign + hours + "h" + (minutes > 0 ? " " + minutes + "m" : "");
    }
    return minutes > 0 ? sign + minutes + "m" : sign + (s % 60) + "s";
  }

  /** A window length in its one unit: {@code 5m}, {@code 1h}, {@code 3d}. */
  public static String compact(Duration d) {
    long s = d.toSeconds();
    return s % 86_400 == 0 ? s / 86_400 + "d" : s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** A plain number with up to {@code digits} decimals; NaN → no data. */
  public static String number(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return NO_DATA;
    }
    return String.format(Locale.ROOT, "%,." + digits + "f", v);
  }

  /** Seconds as milliseconds: {@code 0.0123 → "12.3 ms"}; NaN → no data. */
  public static String millis(double seconds) {
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      return NO_DATA;
    }
    return String.format(Locale.ROOT, seconds * 1000 < 10 ? "%.2f ms" : "%.1f ms", seconds * 1000);
  }

  /** Statuspage's words for a component status: {@code partial_outage → "Partial outage"}. */
  public static String status(ComponentStatus s) {
    String words = s.apiName().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
