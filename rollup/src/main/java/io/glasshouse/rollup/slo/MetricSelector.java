package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.SelectorParser;
import io.glasshouse.rollup.query.SyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A metric of the SLO's service and the label matchers that pick its series, written like a Prometheus series
 * selector: {@code http_server_requests{status=~"5..",uri!="/health"}} (the matcher syntax of
 * {@link SelectorParser}: {@code =}, {@code !=}, {@code =~}, {@code !~}, RE2, fully anchored). The service is the
 * SLO's, never a label here.
 *
 * @param metric   the metric name
 * @param matchers the matchers, possibly none
 * @param text     the selector as written, echoed back in JSON
 */
public record MetricSelector(String metric, List<LabelMatcher> matchers, String text) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.]*");

  public MetricSelector {
    Objects.requireNonNull(metric, "metric");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(text, "text");
  }

  /**
   * Parses {@code metric} or {@code metric{matchers}}.
   *
   * @throws IllegalArgumentException saying what is wrong and where
   */
  public static MetricSelector parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("expected a series selector such as http_server_requests{status=~\"5..\"}");
    }
    String t = text.trim();
    int brace = t.indexOf('{');
    String name = (brace < 0 ? t : t.substring(0, brace)).trim();
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + t + "' is not a series selector: it must start with a metric name "
          + "([a-zA-Z_:][a-zA-Z0-9_:.]*) optionally followed by {label matchers}; functions and operators are not "
          + "supported");
    }
    List<LabelMatcher> m;
    try {
      m = brace < 0 ? List.of() : SelectorParser.parse(t.substring(brace));
    } catch (SyntaxException e) {
      throw new IllegalArgumentException("bad label matchers in '" + t + "': " + e.getMessage());
    }
    return new MetricSelector(name, m, t);
  }

  @Override
  public String toString() {
    return text;
  }
}
