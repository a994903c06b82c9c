package io.glasshouse.statuspage.v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A private component never appears in any public answer (JSON API, badges, shields), in any state. */
class PrivateComponentsTest {
  @ParameterizedTest
  @EnumSource(Scenes.State.class)
  void privateComponentIsAbsentFromEveryPublicAnswer(Scenes.State state) {
    PublishedStatus p = StatuspageShapeTest.published(state);
    assertThat(p.paths()).hasSizeGreaterThan(8).allMatch(path -> !path.contains(Scenes.PRIVATE_ID));
    for (String path : p.paths()) {
      String body = new String(p.get(path).orElseThrow().identity(), StandardCharsets.UTF_8);
      assertThat(body).as(path).doesNotContain(Scenes.PRIVATE_ID).doesNotContain(Scenes.PRIVATE_NAME)
          .doesNotContain("staff only");
    }
  }

  @ParameterizedTest
  @EnumSource(Scenes.State.class)
  void privateOutageDoesNotChangeThePublicStatus(Scenes.State state) {
    // the private component is in major outage in every scene
    PublishedStatus p = StatuspageShapeTest.published(state);
    String indicator = StatuspageShapeTest.doc(p, "/api/v2/status.json").getJsonObject("status")
        .getString("indicator");
    if (state == Scenes.State.OPERATIONAL || state == Scenes.State.MAINTENANCE) {
      assertThat(indicator).isEqualTo("none");
    }
    assertThat(StatuspageShapeTest.doc(p, "/api/v2/components.json").getJsonArray("components").stream()
        .filter(c -> c.toString().contains("\"group\":true")).map(Object::toString))
        .allMatch(g -> !g.contains("major_outage") || state == Scenes.State.INCIDENT);
  }
}
