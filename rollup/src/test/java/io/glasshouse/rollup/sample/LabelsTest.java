package io.glasshouse.rollup.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void builderSortsPairsGivenInAnyOrder() {
    Labels l = Labels.builder().put("zone", "a").put("app", "x").put("method", "GET").build();
    assertThat(l.toString()).isEqualTo("{app=\"x\",method=\"GET\",zone=\"a\"}");
    assertThat(l).isEqualTo(Labels.of("method", "GET", "zone", "a", "app", "x"));
    assertThat(l.hashCode()).isEqualTo(Labels.of("app", "x", "method", "GET", "zone", "a").hashCode());
  }

  @Test
  void repeatedNameKeepsTheFirstValueAndIsReported() {
    Labels.Builder b = Labels.builder().put("b", "1").put("a", "2").put("b", "3");
    assertThat(b.duplicate()).isEqualTo("b");
    assertThat(b.build()).isEqualTo(Labels.of("a", "2", "b", "1"));
    assertThat(Labels.builder().put("a", "1").put("b", "2").duplicate()).isNull();
  }

  @Test
  void setReplacesAndRemoveDeletes() {
    Labels.Builder b = Labels.builder().put("job", "api").put("instance", "i-1");
    b.set("job", "web").set("service", "web").remove("instance");
    assertThat(b.get("job")).isEqualTo("web");
    assertThat(b.build()).isEqualTo(Labels.of("job", "web", "service", "web"));
  }

  @Test
  void labelsBuiltFromFreshStringsShareCanonicalInstances() {
    Labels a = Labels.builder().put(new String("status"), new String("200")).build();
    Labels b = Labels.builder().put(new String("status"), new String("200")).build();
    assertThat(a.name(0)).isSameAs(b.name(0));
    assertThat(a.value(0)).isSameAs(b.value(0));
    String longValue = "x".repeat(300);
    assertThat(Labels.builder().put("k", longValue).build().value(0)).as("long values are not pooled")
        .isSameAs(longValue);
  }

  @Test
  void randomLabelSetsBuildLikeASortedMap() {
    Random rnd = new Random(7);
    for (int round = 0; round < 500; round++) {
      List<String> names = new ArrayList<>();
      int n = rnd.nextInt(20);
      for (int i = 0; i < n; i++) {
        names.add("l" + rnd.nextInt(15));
      }
      Collections.shuffle(names, rnd);
      Labels.Builder b = Labels.builder();
      Map<String, String> expected = new TreeMap<>();
      for (int i = 0; i < names.size(); i++) {
        b.put(names.get(i), "v" + i);
        expected.putIfAbsent(names.get(i), "v" + i);
      }
      boolean repeated = expected.size() < names.size();
      assertThat(b.duplicate() != null).isEqualTo(repeated);
      assertThat(b.build().asMap()).isEqualTo(expected);
    }
  }

  @Test
  void aClearedBuilderBuildsOnlyWhatWasPutAfterwardsAndForgetsTheDuplicate() {
    Labels.Builder b = Labels.builder().put("z", "1").put("a", "2").put("a", "3");
    assertThat(b.duplicate()).isEqualTo("a");

    Labels l = b.clear().put("m", "x").build();

    assertThat(l).isEqualTo(Labels.of("m", "x"));
    assertThat(b.duplicate()).isNull();
  }
}
