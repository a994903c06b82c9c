package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalCoverageTest {
  /** Random walk plus a daily cycle plus noise at an hourly step, simulated past the origin. */
  @Test
  void intervalCoverageOnASeededSeasonalRandomWalkIsNearNominal() {
    Random rnd = new Random(2024);
    List<Duration> horizons = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));
    int[] steps = {1, 6, 24};
    int n = 40 * 24;
    int inside80 = 0;
    int inside95 = 0;
    int total = 0;
    for (int run = 0; run < 150; run++) {
      double[] v = new double[n + 24];
      double walk = 100;
      double amp = 5 + 10 * rnd.nextDouble();
      for (int i = 0; i < v.length; i++) {
        walk += 0.5 * rnd.nextGaussian();
        v[i] = walk + amp * Math.sin(2 * Math.PI * i / 24) + rnd.nextGaussian();
      }
      Series history = new Series(0, 3_600_000L, java.util.Arrays.copyOf(v, n));
      Forecast f = Forecaster.defaults().forecast(history, horizons);
      for (int k = 0; k < steps.length; k++) {
        double y = v[n - 1 + steps[k]];
        HorizonForecast h = f.horizons().get(k);
        inside80 += y >= h.lo80() && y <= h.hi80() ? 1 : 0;
        inside95 += y >= h.lo95() && y <= h.hi95() ? 1 : 0;
        total++;
      }
    }
    assertThat(100.0 * inside80 / total).isBetween(72.0, 88.0);
    assertThat(100.0 * inside95 / total).isBetween(89.0, 99.0);
  }
}
