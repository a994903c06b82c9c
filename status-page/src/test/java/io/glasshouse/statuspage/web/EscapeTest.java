package io.glasshouse.statuspage.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EscapeTest {
  @Test
  void markupQuotesAndControlCharactersCannotBreakOutOfTextOrAttributes() {
    assertThat(Escape.text("<script>alert('x') & \"y\"</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    assertThat(Escape.text("a\u0000b\u001bc\td\ne")).isEqualTo("a b c\td\ne");
  }
}
