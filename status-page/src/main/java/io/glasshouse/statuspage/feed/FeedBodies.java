package io.glasshouse.statuspage.feed;

/**
 * Incident update bodies as the HTML inside feed entries ({@code <content type="html">}, RSS
 * {@code <description>}). The XML writer escapes the HTML once more, as both formats require.
 */
final class FeedBodies {
  private FeedBodies() {
  }

  /**
   * An update's CommonMark body as HTML. For now escaped plain text in a paragraph, line breaks kept; once
   * {@code io.glasshouse.statuspage.incident.Markdown} (the page's safe renderer) is on main, this is the one
   * method to switch to it, so feeds render exactly what the page renders.
   */
  static String toHtml(String commonMark) {
    return "<p>" + escape(commonMark == null ? "" : commonMark).replace("\n", "<br>") + "</p>";
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
