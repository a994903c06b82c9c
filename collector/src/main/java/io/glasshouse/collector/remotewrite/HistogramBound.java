package io.glasshouse.collector.remotewrite;

/** A Prometheus {@code le} label value as a number. */
final class HistogramBound {
  private HistogramBound() {
  }

  /** A decimal or {@code +Inf}; NaN when it is neither (or minus infinity). */
  static double parse(String le) {
    switch (le) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      default -> {
        try {
          double d = Double.parseDouble(le);
          return Double.isInfinite(d) && d < 0 ? Double.NaN : d;
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
  }
}
