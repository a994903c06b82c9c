package io.glasshouse.alerts.route;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Alertmanager label matcher: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. Regular expressions are fully anchored (Alertmanager's {@code ^(?:regex)$}), RE2 syntax.
 * A missing label matches as the empty string, as in Alertmanager. Immutable.
 */
public final class Matcher {
  /** The four operators. */
  public enum Op {
    EQ("="), NE("!="), RE("=~"), NRE("!~");

    private final String text;

    Op(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private final String name;
  private final Op op;
  private final String value;
  private final Pattern regex;

  private Matcher(String name, Op op, String value) {
    this.name = Objects.requireNonNull(name, "name");
    this.op = Objects.requireNonNull(op, "op");
    this.value = Objects.requireNonNull(value, "value");
    if (op == Op.RE || op == Op.NRE) {
      try {
        this.regex = Pattern.compile("^(?:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("matcher " + name + op.text + "\"" + value
            + "\": not a valid regular expression (RE2 syntax): " + e.getDescription());
      }
    } else {
      this.regex = null;
    }
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new IllegalArgumentException("matcher label name '" + name + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
    }
  }

  public static Matcher of(String name, Op op, String value) {
    return new Matcher(name, op, value);
  }

  /**
   * Parses {@code name=value}, {@code name!="value"}, {@code name=~"re.*"} (quotes optional, as in Alertmanager's
   * {@code matchers:} lists).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static Matcher parse(String text) {
    String t = text.trim();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(.*)$")
        .matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("matcher '" + text + "' must look like name=\"value\", name!=\"value\", "
          + "name=~\"regex\" or name!~\"regex\"");
    }
    String v = m.group(3).trim();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
    Op op = switch (m.group(2)) {
      case "=" -> Op.EQ;
      case "!=" -> Op.NE;
      case "=~" -> Op.RE;
      default -> Op.NRE;
    };
    return new Matcher(m.group(1), op, v);
  }

  /** Parses a list, or a single {@code {a="b", c=~"d"}} selector string. */
  public static List<Matcher> parseAll(List<String> texts) {
    List<Matcher> out = new ArrayList<>();
    for (String t : texts) {
      String s = t.trim();
      if (s.startsWith("{") && s.endsWith("}")) {
        for (String part : splitSelector(s.substring(1, s.length() - 1))) {
          if (!part.isBlank()) {
            out.add(parse(part));
          }
        }
      } else {
        out.add(parse(s));
      }
    }
    return out;
  }

  private static List<String> splitSelector(String s) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  public boolean matches(Map<String, String> labels) {
    String v = labels.getOrDefault(name, "");
    return switch (op) {
      case EQ -> v.equals(value);
      case NE -> !v.equals(value);
      case RE -> regex.matches(v);
      case NRE -> !regex.matches(v);
    };
  }

  /** True when every matcher matches. */
  public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  public String name() {
    return name;
  }

  public Op op() {
    return op;
  }

  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matcher m && m.name.equals(name) && m.op == op && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, op, value);
  }

  /** {@code name="value"} with the value quoted as Alertmanager writes it. */
  @Override
  public String toString() {
    return name + op.text + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
