package io.glasshouse.rollup.query;

import java.util.Arrays;
import java.util.Locale;

/**
 * A {@link QueryFunction} with its arguments: {@code q} for {@link QueryFunction#QUANTILE}, {@code threshold}
 * (seconds) for {@link QueryFunction#FRACTION_LE}; NaN when not used.
 *
 * @param name the name as asked for and echoed back ({@code p99} stays {@code p99})
 */
public record Aggregation(String name, QueryFunction function, double q, double thresholdSeconds) {

  /**
   * Reads the {@code fn}, {@code q} and {@code threshold} request parameters (q and threshold may be null).
   *
   * @throws QueryException naming the parameter when a value is missing, malformed or not applicable
   */
  public static Aggregation parse(String fn, String q, String threshold) {
    if (fn == null || fn.isBlank()) {
      throw QueryException.badParameter("fn", "Parameter 'fn' is required; one of "
          + String.join(", ", allNames()) + ".");
    }
    String name = fn.trim().toLowerCase(Locale.ROOT);
    Double fixedQ = switch (name) {
      case "p50" -> 0.5;
      case "p90" -> 0.9;
      case "p99" -> 0.99;
      default -> null;
    };
    QueryFunction f;
    if (fixedQ != null) {
      f = QueryFunction.QUANTILE;
    } else {
      f = Arrays.stream(QueryFunction.values()).filter(v -> v.apiName().equals(name)).findFirst()
          .orElseThrow(() -> QueryException.badParameter("fn", "Unknown fn '" + fn + "'; use one of "
              + String.join(", ", allNames()) + "."));
    }
    double qv = Double.NaN;
    double tv = Double.NaN;
    if (f == QueryFunction.QUANTILE && fixedQ == null) {
      qv = number("q", q, "fn=quantile needs q, the quantile between 0 and 1, e.g. q=0.95");
      if (!(qv >= 0 && qv <= 1)) {
        throw QueryException.badParameter("q", "Parameter 'q' must be between 0 and 1 (e.g. 0.95), got " + q + ".");
      }
    } else if (q != null) {
      throw QueryException.badParameter("q", "Parameter 'q' applies only to fn=quantile; remove it or use fn=quantile.");
    } else if (fixedQ != null) {
      qv = fixedQ;
    }
    if (f == QueryFunction.FRACTION_LE) {
      tv = number("threshold", threshold, "fn=fraction_le needs threshold in seconds, e.g. threshold=0.25");
      if (!(tv > 0) || Double.isInfinite(tv)) {
        throw QueryException.badParameter("threshold",
            "Parameter 'threshold' must be a positive number of seconds (e.g. 0.25), got " + threshold + ".");
      }
    } else if (threshold != null) {
      throw QueryException.badParameter("threshold",
          "Parameter 'threshold' applies only to fn=fraction_le; remove it or use fn=fraction_le.");
    }
    return new Aggregation(name, f, qv, tv);
  }

  private static double number(String param, String text, String missing) {
    if (text == null || text.isBlank()) {
      throw QueryException.badParameter(param, "Parameter '" + param + "' is required: " + missing + ".");
    }
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw QueryException.badParameter(param, "Parameter '" + param + "' must be a number, got '" + text + "'.");
    }
  }

  private static String[] allNames() {
    return new String[] {"increase", "rate", "min", "max", "avg", "last", "count", "sum", "p50", "p90", "p99",
        "quantile", "fraction_le"};
  }
}
