package io.glasshouse.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.Labels;
import org.junit.jupiter.api.Test;

/** Regex matchers have RE2 semantics: linear time, no backtracking constructs, anchored like Prometheus. */
class LabelMatcherTest {
  private static boolean re(String regex, String value) {
    return LabelMatcher.of("v", LabelMatcher.Op.RE, regex).matches(Labels.of("v", value));
  }

  /**
   * With java.util.regex this pattern backtracks exponentially: against 26 characters it took about 4 s on the
   * writer thread, stalling ingest. RE2/J answers it like any other pattern.
   */
  @Test
  void nestedRepetitionIsAnsweredByAnAutomatonNotByBacktracking() {
    String value = "a".repeat(26);
    assertThat(re("(.*){1,32}x", value)).isFalse();
    assertThat(re("(.*){1,32}x", value + "x")).isTrue();
    assertThat(LabelMatcher.of("v", LabelMatcher.Op.NRE, "(.*){1,32}x").matches(Labels.of("v", value))).isTrue();
    assertThat(LabelMatcher.of("v", LabelMatcher.Op.RE, "(.*){1,32}x").pattern())
        .isInstanceOf(com.google.re2j.Pattern.class);
  }

  @Test
  void backtrackingOnlyConstructsAreRefusedAsRe2Does() {
    assertThatThrownBy(() -> SelectorParser.parse("v=~\"(a)\\\\1\"")).isInstanceOf(SyntaxException.class)
        .hasMessageContaining("invalid regular expression for label 'v'");
    assertThatThrownBy(() -> SelectorParser.parse("v=~\"a(?=b)\"")).isInstanceOf(SyntaxException.class);
  }

  @Test
  void regexesAreFullyAnchoredAndDotMatchesNewlinesLikePrometheus() {
    assertThat(re("5..", "503")).isTrue();
    assertThat(re("5..", "1503")).isFalse();
    assertThat(re("5..", "5030")).isFalse();
    assertThat(re("a.b", "a\nb")).isTrue();
    assertThat(re("a|b", "ab")).isFalse();
    assertThat(re("", "")).isTrue(); // a missing label matches as ""
    assertThat(LabelMatcher.of("missing", LabelMatcher.Op.RE, ".*").matches(Labels.of("v", "x"))).isTrue();
  }

  @Test
  void aValueCannotCloseTheAnchoringGroup() {
    assertThatThrownBy(() -> LabelMatcher.of("v", LabelMatcher.Op.RE, ")(")).isInstanceOf(
        com.google.re2j.PatternSyntaxException.class);
  }
}
