package io.glasshouse.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.sample.MetricKind;
import org.junit.jupiter.api.Test;

class AggregationTest {

  @Test
  void percentileShorthandsAreQuantilesKeepingTheirName() {
    Aggregation a = Aggregation.parse("p99", null, null);
    assertThat(a.function()).isEqualTo(QueryFunction.QUANTILE);
    assertThat(a.q()).isEqualTo(0.99);
    assertThat(a.name()).isEqualTo("p99");
  }

  @Test
  void quantileTakesQ() {
    assertThat(Aggregation.parse("quantile", "0.95", null).q()).isEqualTo(0.95);
  }

  @Test
  void quantileWithoutQOrOutOfRangeNamesQ() {
    assertThatThrownBy(() -> Aggregation.parse("quantile", null, null))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("q"));
    assertThatThrownBy(() -> Aggregation.parse("quantile", "1.5", null)).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> Aggregation.parse("quantile", "high", null)).hasMessageContaining("must be a number");
  }

  @Test
  void fractionLeNeedsAPositiveThreshold() {
    assertThat(Aggregation.parse("fraction_le", null, "0.25").thresholdSeconds()).isEqualTo(0.25);
    assertThatThrownBy(() -> Aggregation.parse("fraction_le", null, null))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("threshold"));
    assertThatThrownBy(() -> Aggregation.parse("fraction_le", null, "-1")).hasMessageContaining("positive");
  }

  @Test
  void argumentsOfOtherFunctionsAreRejected() {
    assertThatThrownBy(() -> Aggregation.parse("increase", "0.5", null))
        .hasMessageContaining("'q' applies only to fn=quantile");
    assertThatThrownBy(() -> Aggregation.parse("p50", null, "1"))
        .hasMessageContaining("'threshold' applies only to fn=fraction_le");
  }

  @Test
  void unknownOrMissingFnListsTheValidOnes() {
    assertThatThrownBy(() -> Aggregation.parse("median", null, null))
        .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.parameter()).isEqualTo("fn"))
        .hasMessageContaining("Unknown fn 'median'; use one of increase, rate");
    assertThatThrownBy(() -> Aggregation.parse(null, null, null)).hasMessageContaining("'fn' is required");
  }

  @Test
  void functionNamesPerKind() {
    assertThat(QueryFunction.apiNamesFor(MetricKind.COUNTER)).containsExactly("increase", "rate");
    assertThat(QueryFunction.apiNamesFor(MetricKind.HISTOGRAM))
        .containsExactly("count", "sum", "quantile", "p50", "p90", "p99", "fraction_le");
  }
}
