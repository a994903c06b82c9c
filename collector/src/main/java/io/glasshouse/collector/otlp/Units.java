package io.glasshouse.collector.otlp;

/**
 * Factors from an OTLP time unit to seconds: UCUM symbols ({@code ms}, {@code us}, {@code ns}, {@code s}) and the
 * spelled-out names Micrometer's OTLP registry sends for timers ({@code milliseconds} by default).
 */
final class Units {
  private Units() {
  }

  /** Multiply a value in {@code unit} by this to get seconds; 1 for seconds and for units that are not time. */
  static double toSeconds(String unit) {
    return switch (unit) {
      case "ms", "milliseconds" -> 1e-3;
      case "us", "\u00b5s", "\u03bcs", "microseconds" -> 1e-6;
      case "ns", "nanoseconds" -> 1e-9;
      case "min", "minutes" -> 60;
      case "h", "hours" -> 3600;
      default -> 1;
    };
  }
}
