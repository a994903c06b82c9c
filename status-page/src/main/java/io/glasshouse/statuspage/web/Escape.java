package io.glasshouse.statuspage.web;

/**
 * Escaping for the few places that write HTML, SVG or XML by hand instead of through a jte template (the capacity
 * report, badges, feed entry bodies).
 */
public final class Escape {
  private Escape() {
  }

  /**
   * Escapes text for HTML or XML element content and for single- or double-quoted attribute values: {@code & < > "
   * '} become entities, and control characters other than tab and newline (which XML 1.0 does not allow) become a
   * space.
   */
  public static String text(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
      }
    }
    return b.toString();
  }
}
