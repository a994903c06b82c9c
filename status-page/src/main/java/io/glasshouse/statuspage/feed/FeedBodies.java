package io.glasshouse.statuspage.feed;

import io.glasshouse.statuspage.incident.Markdown;
import io.glasshouse.statuspage.web.Escape;

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

  /** Escapes text for the HTML inside a feed entry ({@link Escape#text}). */
  static String escape(String s) {
    return Escape.text(s);
  }
}
