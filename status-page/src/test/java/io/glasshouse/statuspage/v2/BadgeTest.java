package io.glasshouse.statuspage.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.ComponentDefinition;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Status and uptime badges: SVG with every text escaped, shields.io endpoint JSON, figures from the history. */
class BadgeTest {
  private static final String HOSTILE = "<script>alert(1)</script> & \"quotes\" 'x' {{color}}";

  private static PublishedStatus withHostileNames() {
    Map<ComponentDefinition, ComponentStatus> st = new LinkedHashMap<>();
    st.put(new ComponentDefinition("evil", HOSTILE, "", "", 1, true, List.of("x"), List.of()),
        ComponentStatus.PARTIAL_OUTAGE);
    PublishedStatus p = new PublishedStatus(() -> Scenes.snapshot(st), InMemoryIncidentLog.of(List.of()),
        new Branding("Acme <b>status</b>", "https://status.acme.test", null, ZoneId.of("UTC"), List.of()),
        new ManualClock(Scenes.NOW));
    p.refresh();
    return p;
  }

  private static String body(PublishedStatus p, String path) {
    return new String(p.get(path).orElseThrow(() -> new AssertionError("no " + path)).identity(),
        StandardCharsets.UTF_8);
  }

  @Test
  void badgesEscapeComponentAndPageNames() throws Exception {
    PublishedStatus p = withHostileNames();
    for (String path : List.of("/badges/components/evil/status.svg", "/badges/components/evil/uptime-30d.svg",
        "/badges/status.svg", "/badges/uptime-90d.svg")) {
      String svg = body(p, path);
      assertThat(svg).as(path).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("#fe7d37 ");
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      assertThat(d.getDocumentElement().getTagName()).isEqualTo("svg");
      String title = d.getElementsByTagName("title").item(0).getTextContent();
      assertThat(title).as(path).containsAnyOf(HOSTILE, "Acme <b>status</b>");
    }
    JsonObject shields = new JsonObject(body(p, "/badges/components/evil/status.json"));
    assertThat(shields).isEqualTo(new JsonObject().put("schemaVersion", 1).put("label", HOSTILE)
        .put("message", "partial outage").put("color", "orange"));
  }

  @Test
  void uptimeBadgesComeFromTheDailyHistory() {
    PublishedStatus p = StatuspageShapeTest.published(Scenes.State.INCIDENT);
    // api: 89 operational days and today 11 h operational + 1 h major outage (weight 1)
    JsonObject d30 = new JsonObject(body(p, "/badges/components/api/uptime-30d.json"));
    assertThat(d30.getString("label")).isEqualTo("API 30d");
    double expected30 = 100 * (1 - 1.0 / (29 * 24 + 12));
    assertThat(d30.getString("message")).isEqualTo(Badge.uptime("API", 30, OptionalDouble.of(expected30)).message())
        .isEqualTo("99.85%"); // 99.8587: cut, never rounded up
    JsonObject d90 = new JsonObject(body(p, "/badges/components/api/uptime-90d.json"));
    assertThat(d90.getString("message")).isEqualTo("99.95%");
    assertThat(d90.getString("color")).isEqualTo("brightgreen");
    JsonObject page = new JsonObject(body(p, "/badges/status.json"));
    assertThat(page.getString("message")).isEqualTo("major system outage");
    assertThat(page.getString("color")).isEqualTo("red");
    assertThat(new JsonObject(body(StatuspageShapeTest.published(Scenes.State.OPERATIONAL),
        "/badges/uptime-90d.json")).getString("message")).isEqualTo("100%");
  }

  @Test
  void uptimeWithoutDataSaysSo() {
    Badge b = Badge.uptime("API", 30, OptionalDouble.empty());
    assertThat(b.message()).isEqualTo("no data");
    assertThat(b.color()).isEqualTo("lightgrey");
  }
}
