package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesRegulariserTest {
  @Test
  void medianStepIsDetectedDespiteJitterAndGaps() {
    long[] t = {0, 60_000, 121_000, 180_000, 600_000, 660_000};
    assertThat(SeriesRegulariser.detectStep(t)).isEqualTo(60_000);
  }

  @Test
  void gapsBecomeNanAndDuplicateTimestampsAreAveraged() {
    long[] t = {0, 60_000, 60_000, 240_000, 120_000};
    double[] v = {1, 2, 4, 5, Double.NaN};
    Series s = SeriesRegulariser.regularise(t, v, 60_000);
    assertThat(s.startMs()).isZero();
    assertThat(s.size()).isEqualTo(5);
    assertThat(s.valueAt(0)).isEqualTo(1);
    assertThat(s.valueAt(1)).isEqualTo(3);
    assertThat(s.valueAt(2)).isNaN();
    assertThat(s.valueAt(3)).isNaN();
    assertThat(s.valueAt(4)).isEqualTo(5);
  }

  @Test
  void unsortedPointsLandOnTheirGridSlots() {
    long[] t = {120_000, 0, 60_500};
    double[] v = {3, 1, 2};
    Series s = SeriesRegulariser.regularise(t, v);
    assertThat(s.values()).containsExactly(1, 2, 3);
  }

  @Test
  void seriesIsImmutable() {
    double[] v = {1, 2};
    Series s = new Series(0, 1000, v);
    v[0] = 99;
    s.values()[1] = 99;
    assertThat(s.values()).containsExactly(1, 2);
  }

  @Test
  void noPointsIsRejected() {
    assertThatThrownBy(() -> SeriesRegulariser.regularise(new long[0], new double[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
