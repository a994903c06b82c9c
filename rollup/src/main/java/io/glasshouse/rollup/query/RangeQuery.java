package io.glasshouse.rollup.query;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A range query: one metric of one service, the series selected by {@code matchers}, aggregated per step
 * window by {@code aggregation}, summed or merged across the matched series, optionally grouped {@code by}
 * label names (like PromQL {@code sum by (…)}: a series without one of those labels lands in the group without
 * it).
 */
public record RangeQuery(String service, String metric, Aggregation aggregation, List<LabelMatcher> matchers,
    List<String> by, StepWindows windows) {
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  public RangeQuery {
    matchers = List.copyOf(matchers);
    by = List.copyOf(by);
    for (String name : by) {
      if (!LABEL_NAME.matcher(name).matches()) {
        throw QueryException.badParameter("by", "Parameter 'by' takes comma-separated label names "
            + "([a-zA-Z_][a-zA-Z0-9_]*); '" + name + "' is not one.");
      }
    }
  }

  /** Parses the {@code by} parameter: comma-separated label names, blanks ignored; null or empty means none. */
  public static List<String> parseBy(String by) {
    if (by == null || by.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(by.split(",", -1)).map(String::trim).distinct().toList();
  }
}
