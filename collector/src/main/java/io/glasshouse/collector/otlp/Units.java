package io.glasshouse.collector.otlp;

/** Factors from an OTLP (UCUM) time unit to seconds. */
final class Units {
  private Units() {
  }

  /** Multiply a value in {@code unit} by this to get seconds; 1 for seconds and for units that are not time. */
  static double toSeconds(String unit) {
    return switch (unit) {
      case "ms" -> 1e-3;
      case "us", "\u00b5s", "\u03bcs" -> 1e-6;
      case "ns" -> 1e-9;
      case "min" -> 60;
      case "h" -> 3600;
      default -> 1;
    };
  }
}
