package io.glasshouse.rollup.query;

import com.google.re2j.Pattern;
import io.glasshouse.rollup.sample.Labels;

/**
 * A Prometheus-style label matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. A missing label matches as the empty string, as in PromQL.
 *
 * <p>Regexes use RE2 syntax and are matched by RE2/J in time linear in the value's length, whatever the pattern
 * (no backtracking: {@code (.*){1,32}x} is as cheap as {@code .*x}); back-references and look-arounds are not
 * supported. Like Prometheus they are fully anchored ({@code ^(?s:regex)$}): {@code 5..} matches {@code 503},
 * not {@code 1503}, and {@code .} also matches a newline.
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

  /**
   * A matcher; for {@link Op#RE} and {@link Op#NRE} {@code value} is compiled as an anchored RE2 pattern.
   *
   * @throws com.google.re2j.PatternSyntaxException when the regex is not valid RE2 syntax
   */
  public static LabelMatcher of(String name, Op op, String value) {
    // Pattern.matches(String) is a full match: anchored at both ends, like Prometheus's ^(?s:regex)$, but
    // without pasting the value into a larger pattern (so ")(" stays a syntax error).
    Pattern p = (op == Op.RE || op == Op.NRE) ? Pattern.compile(value, Pattern.DOTALL) : null;
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
      case RE -> pattern.matches(v);
      case NRE -> !pattern.matches(v);
    };
  }

  @Override
  public String toString() {
    return name + op.symbol + '"' + value + '"';
  }
}
