package io.glasshouse.rollup.forecast;

/** Seasonal periods in steps for a given step: a day and a week, or 0 when the step does not divide them. */
final class Periods {
  static final long DAY_MS = 86_400_000L;
  static final long WEEK_MS = 7 * DAY_MS;

  private Periods() {
  }

  /** Steps per {@code cycleMs}, or 0 when fewer than {@code min} or more than 2% off a whole number of steps. */
  static int period(long stepMs, long cycleMs, int min) {
    double exact = cycleMs / (double) stepMs;
    long m = Math.round(exact);
    if (m < min || m > 200_000 || Math.abs(m - exact) / exact > 0.02) {
      return 0;
    }
    return (int) m;
  }

  static int day(long stepMs) {
    return period(stepMs, DAY_MS, 4);
  }

  static int week(long stepMs) {
    return period(stepMs, WEEK_MS, 7);
  }

  /** A span of steps in the one duration form ({@link io.glasshouse.rollup.query.TimeSyntax#formatDuration}). */
  static String human(long ms) {
    return io.glasshouse.rollup.query.TimeSyntax.formatDuration(java.time.Duration.ofMillis(ms));
  }
}
