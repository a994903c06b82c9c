package io.glasshouse.statuspage.incident;

import java.util.List;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders the CommonMark that staff write in incident and maintenance updates to HTML that is safe to put into a
 * public page as is: raw HTML in the text (blocks and inline tags) is escaped and shown as text, never passed
 * through; link and image URLs keep only {@code http}, {@code https}, {@code mailto} and relative ones (anything
 * else, {@code javascript:}, {@code data:}, {@code vbscript:}, becomes an empty URL); links get
 * {@code rel="nofollow noopener noreferrer"}; attribute values are escaped by the renderer. Thread-safe.
 */
public final class Markdown {
  private static final Parser PARSER = Parser.builder().build();
  private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
      .escapeHtml(true)
      .sanitizeUrls(true)
      .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
      .attributeProviderFactory(context -> (node, tag, attributes) -> {
        if (node instanceof Link) {
          attributes.put("rel", "nofollow noopener noreferrer");
        } else if (node instanceof Image) {
          attributes.put("loading", "lazy");
        }
      })
      .build();

  private Markdown() {
  }

  /** The HTML of {@code markdown} (null or blank gives an empty string). */
  public static String toHtml(String markdown) {
    if (markdown == null || markdown.isBlank()) {
      return "";
    }
    return RENDERER.render(PARSER.parse(markdown));
  }
}
