package io.glasshouse.alerts.rule;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The small subset of Prometheus alert templating Glasshouse renders in labels and annotations:
 * {@code {{ $labels.name }}} (also {@code {{ .Labels.name }}}), {@code {{ $value }}} (also {@code {{ .Value }}}),
 * {@code {{ externalURL }}} (also {@code {{ $externalURL }}}), and {@code {{ $annotations.name }}} for a figure
 * the rule computed. Unknown labels render empty; anything else between braces is left as written.
 */
public final class Template {
  private static final Pattern EXPR = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

  private Template() {
  }

  /**
   * Renders {@code text}.
   *
   * @param figures values the rule computed (budget gone, time to exhaustion, …), readable as {@code $annotations.x}
   */
  public static String render(String text, Map<String, String> labels, Map<String, String> figures, double value,
      String externalUrl) {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    Matcher m = EXPR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.startsWith("$labels.") || e.startsWith(".Labels.")) {
        r = labels.getOrDefault(e.substring(e.indexOf('.', 1) + 1), "");
      } else if (e.startsWith("$annotations.") || e.startsWith(".Annotations.")) {
        r = figures.getOrDefault(e.substring(e.indexOf('.', 1) + 1), "");
      } else if (e.equals("$value") || e.equals(".Value")) {
        r = number(value);
      } else if (e.equals("externalURL") || e.equals("$externalURL") || e.equals(".ExternalURL")) {
        r = externalUrl == null ? "" : externalUrl;
      } else {
        r = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(r));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A figure for people: at most 4 significant digits, no exponent for everyday magnitudes. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString()
        .toLowerCase(Locale.ROOT);
  }
}
