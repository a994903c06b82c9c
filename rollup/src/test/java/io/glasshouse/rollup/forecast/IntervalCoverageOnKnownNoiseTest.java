package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: on a daily pattern plus independent Gaussian noise (the best forecast's error is the noise itself) the
 * bands, calibrated on cross-fitted, recency-weighted backtest errors, cover within ten points of nominal at every
 * horizon.
 */
class IntervalCoverageOnKnownNoiseTest {
  @Test
  void bandsOnADailyPatternWithGaussianNoiseCoverCloseToNominalAtEveryHorizon() {
    Random rnd = new Random(5);
    List<Duration> horizons = List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(1));
    int[] steps = {6, 12, Synthetic.DAY};
    int n = 8 * Synthetic.DAY;
    int runs = 120;
    int[] inside80 = new int[steps.length];
    int[] inside95 = new int[steps.length];
    for (int run = 0; run < runs; run++) {
      double amp = 5 + 10 * rnd.nextDouble();
      double[] v = new double[n + Synthetic.DAY];
      for (int i = 0; i < v.length; i++) {
        v[i] = 100 + amp * Math.sin(2 * Math.PI * i / Synthetic.DAY) + 2 * rnd.nextGaussian();
      }
      Forecast f = Forecaster.defaults().forecast(
          new Series(Synthetic.START, Synthetic.FIVE_MIN, java.util.Arrays.copyOf(v, n)), horizons);
      for (int k = 0; k < steps.length; k++) {
        double y = v[n - 1 + steps[k]];
        HorizonForecast h = f.horizons().get(k);
        inside80[k] += y >= h.lo80() && y <= h.hi80() ? 1 : 0;
        inside95[k] += y >= h.lo95() && y <= h.hi95() ? 1 : 0;
      }
    }
    for (int k = 0; k < steps.length; k++) {
      // 120 independent runs: a binomial standard error of about 3.7 points at 80% and 2 at 95%; the same ten-point
      // bar as IntervalCoverageByHorizonTest (the 1.08 widening puts the 1 d 80% band at about 89% here)
      assertThat(100.0 * inside80[k] / runs).as(horizons.get(k) + " 80%").isBetween(70.0, 90.0);
      assertThat(100.0 * inside95[k] / runs).as(horizons.get(k) + " 95%").isBetween(89.0, 100.0);
    }
  }
}
