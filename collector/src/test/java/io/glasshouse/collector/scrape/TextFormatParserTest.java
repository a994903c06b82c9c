package io.glasshouse.collector.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.collector.remotewrite.MetricFamilies;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFormatParserTest {
  @Test
  void parsesTypesLabelsWithEscapesSpecialValuesAndTimestampsAndSkipsMalformedLines() {
    TextFormatParser.Result r = TextFormatParser.parse("""
        # HELP http_requests_total Requests.
        # TYPE http_requests_total counter
        http_requests_total{code="200",path="/a \\"b\\"\\\\c\\nd"} 1027 1395066363000
        # TYPE rpc_seconds summary
        rpc_seconds{quantile="0.5"} NaN
        up +Inf
        this line is broken
        no_value{a="b"}
        """);

    assertThat(r.types()).containsEntry("http_requests_total", MetricFamilies.Type.COUNTER)
        .containsEntry("rpc_seconds", MetricFamilies.Type.SUMMARY);
    assertThat(r.lines()).hasSize(3);
    assertThat(r.lines().get(0)).isEqualTo(new TextFormatParser.Line("http_requests_total",
        List.of("code", "200", "path", "/a \"b\"\\c\nd"), 1027, 1395066363000L));
    assertThat(r.lines().get(1).value()).isNaN();
    assertThat(r.lines().get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(r.malformed()).isEqualTo(2);
    assertThat(r.firstError()).contains("this line is broken");
  }
}
