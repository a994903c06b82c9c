package io.glasshouse.statuspage.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownTest {
  @Test
  void commonMarkRendersEmphasisListsAndLinks() {
    String html = Markdown.toHtml("We **identified** the cause:\n\n- a bad deploy\n- [details](https://example.com/x)");
    assertThat(html).contains("<strong>identified</strong>").contains("<li>a bad deploy</li>")
        .contains("href=\"https://example.com/x\"").contains("rel=\"nofollow noopener noreferrer\"");
  }

  @Test
  void scriptBlockIsEscapedAsText() {
    String html = Markdown.toHtml("<script>alert(1)</script>\n\nok");
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void inlineHtmlWithEventHandlerIsEscaped() {
    String html = Markdown.toHtml("hello <img src=x onerror=alert(1)> and <a href=\"#\" onclick=\"alert(1)\">x</a>");
    assertThat(html).doesNotContain("<img").doesNotContain("<a href=\"#\"").contains("&lt;img src=x onerror=alert(1)&gt;");
  }

  @Test
  void attributeInjectionThroughLinkUrlAndTitleStaysInsideTheAttribute() {
    String html = Markdown.toHtml("[x](https://example.com/\"onmouseover=\"alert(1) \"t\\\" onclick=\\\"alert(2)\")");
    assertThat(html).doesNotContain("\" onmouseover").doesNotContain("\" onclick=\"");
    assertThat(html).contains("&quot;");
    String image = Markdown.toHtml("![a\" onerror=\"alert(1)](https://example.com/i.png)");
    assertThat(image).doesNotContain("\" onerror=\"").contains("alt=\"a&quot; onerror=&quot;alert(1)\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "javascript&#58;alert(1)",
      "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "vbscript:msgbox(1)",
      "%6Aavascript:alert(1)", "<javascript:alert(1)>"})
  void dangerousLinkUrlsAreDropped(String url) {
    String html = Markdown.toHtml("[click](" + url + ") and ![img](" + url + ")");
    String lower = html.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("javascript:").doesNotContain("vbscript:").doesNotContain("data:");
    assertThat(lower).doesNotContain("href=\"%6aavascript");
  }

  @Test
  void autolinkWithJavascriptSchemeIsNotALink() {
    String html = Markdown.toHtml("<javascript:alert(1)>");
    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("href=\"javascript");
  }

  @Test
  void relativeAndMailtoLinksAreKept() {
    assertThat(Markdown.toHtml("[h](/status/history) [m](mailto:ops@example.com)"))
        .contains("href=\"/status/history\"").contains("href=\"mailto:ops@example.com\"");
  }

  @Test
  void blankBodyIsEmpty() {
    assertThat(Markdown.toHtml(null)).isEmpty();
    assertThat(Markdown.toHtml("  \n")).isEmpty();
  }
}
