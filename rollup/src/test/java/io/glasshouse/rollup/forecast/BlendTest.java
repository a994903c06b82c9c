package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 13: the errors that calibrate the intervals are out of sample for the blend weights. */
class BlendTest {
  /**
   * Model A is exact on the first half of the origins and one off on the second; model B the other way round. In
   * sample, a blend of the two looks half an error off; weighed on one half and judged on the other, it is one off,
   * which is what a forecast from weights chosen on the past will see.
   */
  @Test
  void calibrationErrorsComeFromWeightsFittedOnTheOtherHalfOfTheOrigins() {
    int count = 40;
    double[] observed = new double[count];
    double[][] forecasts = new double[2][count];
    int[] origins = new int[count];
    for (int k = 0; k < count; k++) {
      origins[k] = 100 + k;
      forecasts[0][k] = k < count / 2 ? 0 : 1;
      forecasts[1][k] = k < count / 2 ? 1 : 0;
    }
    Backtest.Bucket bucket = new Backtest.Bucket(1, count, observed, forecasts, count, origins);
    Blend.Choice c = Blend.choose(List.of(bucket), 2).get(0);
    assertThat(c.weights()).containsExactly(0.5, 0.5);
    assertThat(c.mae()).isCloseTo(1.0, within(1e-12));
    for (double e : c.errors()) {
      assertThat(Math.abs(e)).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void newerCalibrationErrorsWeighMore() {
    int count = 40;
    int[] origins = new int[count];
    for (int k = 0; k < count; k++) {
      origins[k] = 10 * k;
    }
    Backtest.Bucket bucket = new Backtest.Bucket(1, count, new double[count], new double[1][count], count, origins);
    double[] r = Blend.choose(List.of(bucket), 1).get(0).recency();
    assertThat(r[count - 1]).isEqualTo(1.0);
    for (int k = 1; k < count; k++) {
      assertThat(r[k]).isGreaterThan(r[k - 1]);
    }
    // a quarter of the span back, half the weight
    double quarter = (origins[count - 1] - origins[0]) * Blend.HALF_LIFE_SPANS;
    assertThat(r[0]).isCloseTo(Math.pow(0.5, (origins[count - 1] - origins[0]) / quarter), within(1e-12));
  }
}
