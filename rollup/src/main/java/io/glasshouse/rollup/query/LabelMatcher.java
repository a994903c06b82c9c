package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
import java.util.regex.Pattern;

/**
 * A Prometheus-style label matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. A missing label matches as the empty string, as in PromQL. Regexes are fully anchored.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {
  /** Matcher operators. */
  public enum Op {
    EQ("="), NEQ("!="), RE("=~"), NRE("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public static LabelMatcher of(String name, Op op, String value) {
    Pattern p = (op == Op.RE || op == Op.NRE) ? Pattern.compile(value) : null;
    return new LabelMatcher(name, op, value, p);
  }

  public boolean matches(Labels labels) {
    String v = labels.get(name);
    if (v == null) {
      v = "";
    }
    return switch (op) {
      case EQ -> v.equals(value);
      case NEQ -> !v.equals(value);
      case RE -> pattern.matcher(v).matches();
      case NRE -> !pattern.matcher(v).matches();
    };
  }

  @Override
  public String toString() {
    return name + op.symbol + '"' + value + '"';
  }
}
