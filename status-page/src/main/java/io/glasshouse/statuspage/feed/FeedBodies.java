package io.glasshouse.statuspage.feed;

import io.glasshouse.statuspage.incident.Markdown;

/**
 * Incident update bodies as the HTML inside feed entries ({@code <content type="html">}, RSS
 * {@code <description>}). The XML writer escapes the HTML once more, as both formats require.
 */
final class FeedBodies {
  private FeedBodies() {
  }

  /**
   * An update's CommonMark body as HTML, rendered by the page's safe renderer ({@link Markdown}: raw HTML shown as
   * text, only http, https and mailto links), so feeds show exactly what the page shows.
   */
  static String toHtml(String commonMark) {
    return Markdown.toHtml(commonMark);
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        case '\r' -> { }
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
