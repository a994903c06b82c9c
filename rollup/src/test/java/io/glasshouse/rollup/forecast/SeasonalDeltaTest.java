package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Issue 13: "last value plus seasonal change" for strongly seasonal series at short horizons. */
class SeasonalDeltaTest {
  private static final int DAY = Synthetic.DAY;

  @Test
  void lastValuePlusSeasonalChangeIsExactOnADailyPatternAfterALevelShift() {
    double[] y = new double[5 * DAY];
    for (int i = 0; i < y.length; i++) {
      y[i] = 20 + 8 * Math.sin(2 * Math.PI * i / DAY) + (i >= 5 * DAY - 30 ? 5 : 0);
    }
    SeasonalDelta m = new SeasonalDelta(y, DAY, "day");
    int origin = y.length - 1;
    for (int h : new int[] {1, 6, 12, DAY / 2}) {
      double truth = 25 + 8 * Math.sin(2 * Math.PI * (origin + h) / DAY);
      assertThat(m.forecast(origin, h)).as("h = " + h).isCloseTo(truth, within(1e-9));
      // seasonal naive misses the shift
      assertThat(Math.abs(new SeasonalNaive(y, DAY, 1, "day").forecast(origin, h) - truth)).isGreaterThan(4.0);
    }
  }

  /**
   * A temperature-like series: a daily cycle whose amplitude changes from day to day, riding a slowly wandering
   * level. At 30 minutes and 1 hour the forecast must beat both seasonal naive (one day back) and naive.
   */
  @Test
  void aStronglyDailySeasonalWanderingSeriesBeatsSeasonalNaiveAndNaiveAtShortHorizons() {
    Random rnd = new Random(11);
    int n = 30 * DAY;
    double[] v = new double[n + DAY];
    double level = 0;
    double amp = 6;
    for (int i = 0; i < v.length; i++) {
      level = 0.999 * level + 0.08 * rnd.nextGaussian();
      if (i % DAY == 0) {
        amp = Math.max(1, 6 + 1.5 * rnd.nextGaussian());
      }
      double ph = 2 * Math.PI * (i % DAY) / DAY - Math.PI / 2;
      v[i] = 15 + level + amp * (Math.sin(ph) + 0.4 * Math.pow(Math.max(0, Math.sin(ph)), 3))
          + 0.1 * rnd.nextGaussian();
    }
    int[] hs = {6, 12};
    double[] ours = new double[2];
    double[] seasonalNaive = new double[2];
    double[] naive = new double[2];
    for (int o = n - 5 * DAY; o < n - 1; o += 97) {
      Forecast f = Forecaster.defaults().forecast(
          new Series(Synthetic.START, Synthetic.FIVE_MIN, java.util.Arrays.copyOf(v, o + 1)),
          List.of(Duration.ofMinutes(30), Duration.ofHours(1)));
      for (int k = 0; k < 2; k++) {
        double y = v[o + hs[k]];
        ours[k] += Math.abs(y - f.horizons().get(k).point());
        seasonalNaive[k] += Math.abs(y - v[o + hs[k] - DAY]);
        naive[k] += Math.abs(y - v[o]);
      }
    }
    for (int k = 0; k < 2; k++) {
      assertThat(ours[k]).as("h = " + hs[k] + " vs seasonal naive").isLessThan(0.5 * seasonalNaive[k]);
      assertThat(ours[k]).as("h = " + hs[k] + " vs naive").isLessThan(0.7 * naive[k]);
    }
  }
}
