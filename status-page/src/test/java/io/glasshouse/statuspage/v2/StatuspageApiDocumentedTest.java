package io.glasshouse.statuspage.v2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** openapi.yaml documents exactly the /api/v2 and /badges paths that are published, and the badges' names. */
class StatuspageApiDocumentedTest {
  @Test
  void everyPublishedPathIsDocumentedAndNothingElse() throws Exception {
    JsonNode doc;
    try (InputStream in = getClass().getResourceAsStream("/openapi.yaml")) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Set<String> badges = new TreeSet<>();
    doc.at("/components/parameters/BadgeName/schema/enum").forEach(n -> badges.add(n.asText()));
    Set<String> documented = new TreeSet<>();
    doc.get("paths").fieldNames().forEachRemaining(p -> {
      if (p.startsWith("/api/v2/") || p.startsWith("/badges/")) {
        documented.add(p);
        assertThat(doc.get("paths").get(p).has("get")).as(p).isTrue();
      }
    });
    Set<String> published = new TreeSet<>();
    for (String path : StatuspageShapeTest.published(Scenes.State.INCIDENT).paths()) {
      if (path.startsWith("/badges/")) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        assertThat(badges).as(path).contains(name);
        published.add(path.substring(0, path.lastIndexOf('/') + 1).replaceAll("/components/[^/]+/",
            "/components/{id}/") + "{badge}");
      } else {
        published.add(path);
      }
    }
    assertThat(documented).isEqualTo(published);
  }
}
