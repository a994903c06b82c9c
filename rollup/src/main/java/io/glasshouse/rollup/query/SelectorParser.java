package io.glasshouse.rollup.query;

import java.util.ArrayList;
import java.util.List;
import com.google.re2j.PatternSyntaxException;

/**
 * Parses a Prometheus-style series selector body into {@link LabelMatcher}s.
 *
 * <p>Grammar: {@code ['{'] [matcher (',' matcher)* [',']] ['}']} where a matcher is
 * {@code name op "value"}, {@code name} is {@code [a-zA-Z_][a-zA-Z0-9_]*}, {@code op} one of {@code =},
 * {@code !=}, {@code =~}, {@code !~}, and the value is in double or single quotes with backslash escapes
 * ({@code \"}, {@code \'}, {@code \\}, {@code \n}, {@code \t}; any other escaped character stands for itself
 * preceded by the backslash, so regex escapes such as {@code \d} survive). Blanks between tokens are ignored.
 * Example: {@code status=~"5..",uri!="/health"}. An empty or blank input yields no matchers.
 *
 * <p>Errors are {@link SyntaxException}s naming the 1-based character where parsing stopped.
 */
public final class SelectorParser {
  private final String in;
  private int pos;

  private SelectorParser(String in) {
    this.in = in;
  }

  /** The matchers of {@code selector}; never null. */
  public static List<LabelMatcher> parse(String selector) {
    if (selector == null) {
      return List.of();
    }
    return new SelectorParser(selector).selector();
  }

  private List<LabelMatcher> selector() {
    List<LabelMatcher> out = new ArrayList<>();
    blanks();
    boolean braced = peek('{');
    if (braced) {
      pos++;
      blanks();
    }
    while (pos < in.length() && !peek('}')) {
      out.add(matcher());
      blanks();
      if (peek(',')) {
        pos++;
        blanks();
      } else if (pos < in.length() && !peek('}')) {
        throw error("expected ',' between matchers but found '" + in.charAt(pos) + "'");
      }
    }
    if (peek('}')) {
      if (!braced) {
        throw error("unexpected '}' without an opening '{'");
      }
      pos++;
      blanks();
    } else if (braced) {
      throw error("missing closing '}'");
    }
    if (pos < in.length()) {
      throw error("unexpected '" + in.charAt(pos) + "' after the selector");
    }
    return List.copyOf(out);
  }

  private LabelMatcher matcher() {
    String name = name();
    blanks();
    LabelMatcher.Op op = op(name);
    blanks();
    int valueAt = pos;
    String value = quoted(name);
    try {
      return LabelMatcher.of(name, op, value);
    } catch (PatternSyntaxException e) {
      throw new SyntaxException("invalid regular expression for label '" + name + "' at character "
          + (valueAt + 1) + ": " + e.getDescription(), valueAt + 1);
    }
  }

  private String name() {
    int start = pos;
    if (pos < in.length() && (Character.isLetter(in.charAt(pos)) && in.charAt(pos) < 128 || in.charAt(pos) == '_')) {
      pos++;
      while (pos < in.length() && isNameChar(in.charAt(pos))) {
        pos++;
      }
    }
    if (start == pos) {
      throw error(pos < in.length()
          ? "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) but found '" + in.charAt(pos) + "'"
          : "expected a label name but the selector ended");
    }
    return in.substring(start, pos);
  }

  private static boolean isNameChar(char c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private LabelMatcher.Op op(String name) {
    if (in.startsWith("=~", pos)) {
      pos += 2;
      return LabelMatcher.Op.RE;
    }
    if (in.startsWith("!=", pos)) {
      pos += 2;
      return LabelMatcher.Op.NEQ;
    }
    if (in.startsWith("!~", pos)) {
      pos += 2;
      return LabelMatcher.Op.NRE;
    }
    if (peek('=')) {
      pos++;
      return LabelMatcher.Op.EQ;
    }
    throw error("expected one of =, !=, =~, !~ after label '" + name + "'");
  }

  private String quoted(String name) {
    if (!peek('"') && !peek('\'')) {
      throw error("expected a quoted value for label '" + name + "', e.g. " + name + "=\"value\"");
    }
    char quote = in.charAt(pos);
    int open = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < in.length()) {
      char c = in.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\' && pos < in.length()) {
        char e = in.charAt(pos++);
        switch (e) {
          case '"', '\'', '\\' -> sb.append(e);
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
    throw new SyntaxException("unterminated value for label '" + name + "': the quote at character " + (open + 1)
        + " is never closed", open + 1);
  }

  private void blanks() {
    while (pos < in.length() && Character.isWhitespace(in.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < in.length() && in.charAt(pos) == c;
  }

  private SyntaxException error(String what) {
    return new SyntaxException(what + " at character " + (pos + 1), pos + 1);
  }
}
