package io.glasshouse.statuspage.capacity;

import java.util.Locale;
import java.util.Optional;

/**
 * How the report writes an indicator's values, by its configured {@code unit}: {@code bytes} in binary IEC units
 * (KiB, MiB, GiB, TiB: powers of 1024, the one unit system of the report); {@code fraction} (a 0..1 share such as
 * {@code process_cpu_usage}) as a percentage; anything else as a compact decimal number followed by the unit.
 */
final class Units {
  static final String BYTES = "bytes";
  static final String FRACTION = "fraction";
  private static final String[] IEC = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private Units() {
  }

  /** {@code 200 GiB}, {@code 43%}, {@code 7.5 connections}; "–" for a missing value. */
  static String format(double v, Optional<String> unit) {
    if (!Double.isFinite(v)) {
      return "–";
    }
    String u = unit.orElse("");
    if (u.equals(BYTES)) {
      int k = power(Math.abs(v));
      return number(v / Math.pow(1024, k)) + " " + IEC[k];
    }
    if (u.equals(FRACTION)) {
      return number(v * 100) + "%";
    }
    return ReportText.fmt(v) + (u.isEmpty() ? "" : " " + u);
  }

  /**
   * The same without a word unit ({@code 7.5}, but still {@code 200 GiB} and {@code 43%}, whose suffix carries the
   * scale): for ranges and axis ticks next to a value or title that names the unit.
   */
  static String bare(double v, Optional<String> unit) {
    String u = unit.orElse("");
    return u.equals(BYTES) || u.equals(FRACTION) ? format(v, unit) : format(v, Optional.empty());
  }

  /**
   * The factor axis ticks are chosen in, so they fall on round numbers of the displayed unit: a power of 1024 for
   * bytes, 0.01 (one percent) for fractions, 1 otherwise.
   */
  static double tickScale(double max, Optional<String> unit) {
    String u = unit.orElse("");
    if (u.equals(BYTES)) {
      return Math.pow(1024, power(Math.abs(max)));
    }
    return u.equals(FRACTION) ? 0.01 : 1;
  }

  /** A line saying what the units mean, for the page's legend. */
  static String explanation() {
    return "Bytes are in binary units: 1 KiB = 1024 bytes, 1 MiB = 1024 KiB, 1 GiB = 1024 MiB, 1 TiB = 1024 GiB. "
        + "A fraction (such as process_cpu_usage, where 1 is one instance's whole CPU) is shown as a percentage. "
        + "k, M and G on other units are thousands, millions and billions.";
  }

  private static int power(double a) {
    int k = 0;
    while (a >= 1024 && k < IEC.length - 1) {
      a /= 1024;
      k++;
    }
    return k;
  }

  private static String number(double v) {
    double a = Math.abs(v);
    String n = a >= 100 || a == 0 ? String.format(Locale.ROOT, "%.0f", v)
        : a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    if (n.contains(".")) {
      n = n.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return n;
  }
}
