package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Prometheus's own relabelling examples ({@code model/relabel/relabel_test.go}), run through Glasshouse's rules. */
class RelabelingTest {
  static RelabelRule rule(String json) {
    return RelabelRule.parse(Fields.of("rule", new JsonObject(json)));
  }

  static Map<String, String> run(Map<String, String> input, String... rules) {
    Map<String, String> labels = new TreeMap<>(input);
    List<RelabelRule> parsed = java.util.Arrays.stream(rules).map(RelabelingTest::rule).toList();
    return Relabeling.apply(parsed, labels) ? labels : null;
  }

  static final Map<String, String> ABC = Map.of("a", "foo", "b", "bar", "c", "baz");

  @Test
  void replaceWritesTheExpandedReplacement() {
    assertThat(run(ABC, "{\"source_labels\":[\"a\"],\"regex\":\"f(.*)\",\"target_label\":\"d\","
        + "\"replacement\":\"ch${1}-ch${1}\"}"))
        .containsEntry("d", "choo-choo").hasSize(4);
  }

  @Test
  void replaceJoinsSourceLabelsWithTheSeparatorAndChains() {
    assertThat(run(ABC,
        "{\"source_labels\":[\"a\",\"b\"],\"regex\":\"f(.*);(.*)r\",\"target_label\":\"a\",\"replacement\":\"b${1}${2}m\"}",
        "{\"source_labels\":[\"c\",\"a\"],\"regex\":\"(b).*b(.*)ba(.*)\",\"target_label\":\"d\",\"replacement\":\"$1$2$2$3\"}"))
        .isEqualTo(Map.of("a", "boobam", "b", "bar", "c", "baz", "d", "boooom"));
  }

  @Test
  void regexIsFullyAnchored() {
    assertThat(run(Map.of("a", "abc"), "{\"source_labels\":[\"a\"],\"regex\":\".*(b).*\",\"target_label\":\"d\"}"))
        .isEqualTo(Map.of("a", "abc", "d", "b"));
    assertThat(run(Map.of("a", "foo"), "{\"source_labels\":[\"a\"],\"regex\":\"f|o\",\"action\":\"drop\"}"))
        .isEqualTo(Map.of("a", "foo"));
    assertThat(run(Map.of("a", "boo"), "{\"source_labels\":[\"a\"],\"regex\":\"f\",\"target_label\":\"b\","
        + "\"replacement\":\"bar\"}")).as("no match, no replacement").isEqualTo(Map.of("a", "boo"));
  }

  @Test
  void keepAndDrop() {
    assertThat(run(Map.of("a", "foo"), "{\"source_labels\":[\"a\"],\"regex\":\".*o.*\",\"action\":\"drop\"}")).isNull();
    assertThat(run(Map.of("a", "foo"), "{\"source_labels\":[\"a\"],\"regex\":\"no-match\",\"action\":\"drop\"}"))
        .isEqualTo(Map.of("a", "foo"));
    assertThat(run(Map.of("a", "foo"), "{\"source_labels\":[\"a\"],\"regex\":\"no-match\",\"action\":\"keep\"}"))
        .isNull();
    assertThat(run(Map.of("a", "foo"), "{\"source_labels\":[\"a\"],\"regex\":\"f.*\",\"action\":\"keep\"}"))
        .isEqualTo(Map.of("a", "foo"));
  }

  @Test
  void hashmodMatchesPrometheus() {
    assertThat(run(ABC, "{\"source_labels\":[\"c\"],\"target_label\":\"d\",\"action\":\"hashmod\",\"modulus\":1000}"))
        .containsEntry("d", "976");
  }

  @Test
  void labelmapCopiesMatchingLabels() {
    assertThat(run(Map.of("a", "foo", "b1", "bar", "b2", "baz"),
        "{\"regex\":\"(b.*)\",\"replacement\":\"bar_${1}\",\"action\":\"labelmap\"}"))
        .isEqualTo(Map.of("a", "foo", "b1", "bar", "b2", "baz", "bar_b1", "bar", "bar_b2", "baz"));
    assertThat(run(Map.of("a", "foo", "__meta_my_bar", "aaa", "__meta_my_baz", "bbb", "__meta_other", "ccc"),
        "{\"regex\":\"__meta_(my.*)\",\"replacement\":\"${1}\",\"action\":\"labelmap\"}"))
        .containsEntry("my_bar", "aaa").containsEntry("my_baz", "bbb").doesNotContainKey("other");
  }

  @Test
  void labelkeepAndLabeldrop() {
    Map<String, String> in = Map.of("a", "foo", "b1", "bar", "b2", "baz");
    assertThat(run(in, "{\"regex\":\"(b.*)\",\"action\":\"labelkeep\"}")).isEqualTo(Map.of("b1", "bar", "b2", "baz"));
    assertThat(run(in, "{\"regex\":\"(b.*)\",\"action\":\"labeldrop\"}")).isEqualTo(Map.of("a", "foo"));
  }

  @Test
  void targetLabelIsExpandedAndAnInvalidResultChangesNothing() {
    Map<String, String> in = Map.of("a", "some-name-value");
    assertThat(run(in, "{\"source_labels\":[\"a\"],\"regex\":\"some-([^-]+)-([^,]+)\",\"replacement\":\"${2}\","
        + "\"target_label\":\"${1}\"}")).isEqualTo(Map.of("a", "some-name-value", "name", "value"));
    assertThat(run(in, "{\"source_labels\":[\"a\"],\"regex\":\"some-([^-]+)-([^,]+)\",\"replacement\":\"${3}\","
        + "\"target_label\":\"${1}\"}")).isEqualTo(in);
    assertThat(run(in, "{\"source_labels\":[\"a\"],\"regex\":\"some-([^-]+)-([^,]+)\",\"replacement\":\"${1}\","
        + "\"target_label\":\"0${3}\"}")).isEqualTo(in);
  }

  @Test
  void realLifeTagsToPathJobAndLabel() {
    assertThat(run(Map.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar"),
        "{\"source_labels\":[\"__meta_sd_tags\"],\"regex\":\"(?:.+,|^)path:(/[^,]+).*\",\"replacement\":\"${1}\","
            + "\"target_label\":\"__metrics_path__\"}",
        "{\"source_labels\":[\"__meta_sd_tags\"],\"regex\":\"(?:.+,|^)job:([^,]+).*\",\"replacement\":\"${1}\","
            + "\"target_label\":\"job\"}",
        "{\"source_labels\":[\"__meta_sd_tags\"],\"regex\":\"(?:.+,|^)label:([^=]+)=([^,]+).*\","
            + "\"replacement\":\"${2}\",\"target_label\":\"${1}\"}"))
        .isEqualTo(Map.of("__meta_sd_tags", "path:/secret,job:some-job,label:foo=bar", "__metrics_path__", "/secret",
            "job", "some-job", "foo", "bar"));
  }

  @Test
  void lowercaseUppercaseAndEqualityActions() {
    assertThat(run(Map.of("a", "FoO"), "{\"source_labels\":[\"a\"],\"target_label\":\"l\",\"action\":\"lowercase\"}",
        "{\"source_labels\":[\"a\"],\"target_label\":\"u\",\"action\":\"uppercase\"}"))
        .containsEntry("l", "foo").containsEntry("u", "FOO");
    assertThat(run(Map.of("a", "1", "b", "1"), "{\"source_labels\":[\"a\"],\"target_label\":\"b\","
        + "\"action\":\"keepequal\"}")).isNotNull();
    assertThat(run(Map.of("a", "1", "b", "1"), "{\"source_labels\":[\"a\"],\"target_label\":\"b\","
        + "\"action\":\"dropequal\"}")).isNull();
  }

  @Test
  void badRulesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> rule("{\"action\":\"replace\",\"source_labels\":[\"a\"]}"))
        .hasMessageContaining("rule.target_label is required");
    assertThatThrownBy(() -> rule("{\"action\":\"hashmod\",\"source_labels\":[\"a\"],\"target_label\":\"b\"}"))
        .hasMessageContaining("rule.modulus");
    assertThatThrownBy(() -> rule("{\"regex\":\"(\",\"target_label\":\"b\"}"))
        .hasMessageContaining("rule.regex");
    assertThatThrownBy(() -> rule("{\"action\":\"explode\"}")).hasMessageContaining("rule.action 'explode'");
    assertThatThrownBy(() -> rule("{\"target_label\":\"b\",\"sauce\":1}"))
        .hasMessageContaining("rule.sauce is not supported");
  }
}
