package io.glasshouse.statuspage.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void layoutEscapesBrandingAndMarksTheCurrentLink() {
    Frame frame = new Frame("Now", "<script>alert(1)</script> status", null,
        List.of(new Frame.Link("/status", "Status"), new Frame.Link("/status/history", "History")), "/status",
        List.of("/assets/x.js"));
    String html = Pages.render("layout.jte", Map.of("frame", frame, "content", (gg.jte.Content) out -> out.writeContent("<p>body</p>")));
    assertFalse(html.contains("<script>alert(1)</script>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; status"), html);
    assertTrue(html.contains("<a href=\"/status\" aria-current=\"page\">Status</a>"), html);
    assertTrue(html.contains("<a href=\"/status/history\">History</a>"), html);
    assertTrue(html.contains("<script src=\"/assets/x.js\" defer></script>"), html);
    assertTrue(html.contains("<p>body</p>"), html);
  }
}
