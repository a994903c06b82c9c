package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: intervals are calibrated per horizon, not only pooled. On a seasonal random walk, whose error grows
 * without bound, every horizon stays within ten points of nominal; on the real held-out series (BENCHMARKS.md) the
 * bar is three points. The walk under-covers most at one step and at three days (about 88% for 95%): its errors are
 * the least stationary of all, and a three-day error has only a handful of independent samples in the backtest.
 */
class IntervalCoverageByHorizonTest {
  @Test
  void coverageIsWithinTenPointsOfNominalAtEachHorizonOfASeasonalRandomWalk() {
    Random rnd = new Random(77);
    List<Duration> horizons = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1),
        Duration.ofDays(3));
    int[] steps = {1, 6, 24, 72};
    int n = 40 * 24;
    int runs = 200;
    int[] inside80 = new int[steps.length];
    int[] inside95 = new int[steps.length];
    for (int run = 0; run < runs; run++) {
      double[] v = new double[n + 72];
      double walk = 100;
      double amp = 5 + 10 * rnd.nextDouble();
      for (int i = 0; i < v.length; i++) {
        walk += 0.5 * rnd.nextGaussian();
        v[i] = walk + amp * Math.sin(2 * Math.PI * i / 24) + rnd.nextGaussian();
      }
      Forecast f = Forecaster.defaults().forecast(new Series(0, 3_600_000L, java.util.Arrays.copyOf(v, n)), horizons);
      for (int k = 0; k < steps.length; k++) {
        double y = v[n - 1 + steps[k]];
        HorizonForecast h = f.horizons().get(k);
        inside80[k] += y >= h.lo80() && y <= h.hi80() ? 1 : 0;
        inside95[k] += y >= h.lo95() && y <= h.hi95() ? 1 : 0;
      }
    }
    for (int k = 0; k < steps.length; k++) {
      // 200 independent runs: a binomial standard error of about 2.8 points at 80% and 1.5 at 95%
      assertThat(100.0 * inside80[k] / runs).as(horizons.get(k) + " 80%").isBetween(70.0, 90.0);
      assertThat(100.0 * inside95[k] / runs).as(horizons.get(k) + " 95%").isBetween(85.0, 99.9);
    }
  }
}
