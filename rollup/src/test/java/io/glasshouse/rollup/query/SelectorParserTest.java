package io.glasshouse.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorParserTest {

  @Test
  void parsesEveryOperatorInOrder() {
    List<LabelMatcher> m = SelectorParser.parse("status=~\"5..\",uri!=\"/health\", region=\"eu\" ,zone!~\"b|c\"");
    assertThat(m).extracting(LabelMatcher::name).containsExactly("status", "uri", "region", "zone");
    assertThat(m).extracting(LabelMatcher::op).containsExactly(LabelMatcher.Op.RE, LabelMatcher.Op.NEQ,
        LabelMatcher.Op.EQ, LabelMatcher.Op.NRE);
    assertThat(m.get(0).matches(Labels.of("status", "503"))).isTrue();
    assertThat(m.get(0).matches(Labels.of("status", "200"))).isFalse();
  }

  @Test
  void acceptsBracesSingleQuotesTrailingCommaAndEscapes() {
    List<LabelMatcher> m = SelectorParser.parse(" { a='x\\'y', b=\"q\\\"r\", c=~\"\\d+\", } ");
    assertThat(m).extracting(LabelMatcher::value).containsExactly("x'y", "q\"r", "\\d+");
    assertThat(m.get(2).matches(Labels.of("c", "42"))).isTrue();
  }

  @Test
  void blankOrEmptySelectorMeansNoMatchers() {
    assertThat(SelectorParser.parse("")).isEmpty();
    assertThat(SelectorParser.parse("  ")).isEmpty();
    assertThat(SelectorParser.parse("{}")).isEmpty();
    assertThat(SelectorParser.parse(null)).isEmpty();
  }

  @Test
  void missingOperatorIsReportedAtItsPosition() {
    assertThatThrownBy(() -> SelectorParser.parse("status\"5\""))
        .isInstanceOf(SyntaxException.class)
        .hasMessageContaining("expected one of =, !=, =~, !~ after label 'status'")
        .hasMessageContaining("at character 7")
        .extracting(e -> ((SyntaxException) e).position()).isEqualTo(7);
  }

  @Test
  void unquotedValueIsRejectedWithAnExample() {
    assertThatThrownBy(() -> SelectorParser.parse("status=500"))
        .hasMessageContaining("expected a quoted value for label 'status', e.g. status=\"value\" at character 8");
  }

  @Test
  void unterminatedQuoteNamesTheOpeningQuote() {
    assertThatThrownBy(() -> SelectorParser.parse("a=\"1\",b=\"2"))
        .hasMessageContaining("the quote at character 9 is never closed");
  }

  @Test
  void missingCommaBetweenMatchersIsReported() {
    assertThatThrownBy(() -> SelectorParser.parse("a=\"1\" b=\"2\""))
        .hasMessageContaining("expected ',' between matchers but found 'b' at character 7");
  }

  @Test
  void labelNameMustNotStartWithADigit() {
    assertThatThrownBy(() -> SelectorParser.parse("1a=\"x\""))
        .hasMessageContaining("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) but found '1' at character 1");
  }

  @Test
  void invalidRegexIsReportedAtTheValue() {
    assertThatThrownBy(() -> SelectorParser.parse("a=\"1\",uri=~\"(\""))
        .isInstanceOf(SyntaxException.class)
        .hasMessageContaining("invalid regular expression for label 'uri' at character 12");
  }

  @Test
  void unbalancedBracesAreReported() {
    assertThatThrownBy(() -> SelectorParser.parse("{a=\"1\"")).hasMessageContaining("missing closing '}'");
    assertThatThrownBy(() -> SelectorParser.parse("a=\"1\"}")).hasMessageContaining("without an opening '{'");
  }
}
