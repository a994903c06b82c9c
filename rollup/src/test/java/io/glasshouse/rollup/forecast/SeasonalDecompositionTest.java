package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The MSTL-style decomposition and the models on its deseasonalised rest, on seeded series with known parts. */
class SeasonalDecompositionTest {
  private static final int DAY = Synthetic.DAY;
  private static final int WEEK = Synthetic.WEEK;

  @Test
  void profileRecoversBothTheDailyAndTheWeeklyCycle() {
    IntToDoubleFunction season = i -> 20 * Math.sin(2 * Math.PI * i / DAY) + 8 * Math.sin(2 * Math.PI * i / WEEK);
    int n = 6 * WEEK;
    double[] y = Synthetic.sample(i -> 100 + 0.002 * i + season.applyAsDouble(i), n, 1.0, 11).values();
    SeasonalProfile p = SeasonalProfile.fit(y, 0, n - 1, new int[] {DAY, WEEK});
    assertThat(p.periods()).containsExactly(DAY, WEEK);
    double err = 0;
    for (int i = n - WEEK; i < n; i++) {
      err += Math.abs(p.at(i) - season.applyAsDouble(i));
    }
    assertThat(err / WEEK).isLessThan(0.6);
  }

  @Test
  void aPeriodNeedsTwoCyclesInTheWindow() {
    double[] y = Synthetic.sample(Synthetic.seasonal(10, 0, 3, 3), 10 * DAY, 0.1, 12).values();
    assertThat(SeasonalProfile.fit(y, 0, y.length - 1, new int[] {DAY, WEEK}).periods()).containsExactly(DAY);
  }

  @Test
  void sesRestFollowsALevelShiftAndKeepsTheSeason() {
    int n = 21 * DAY;
    int shiftAt = n - 2 * DAY;
    IntToDoubleFunction truth = i -> 50 + 10 * Math.sin(2 * Math.PI * i / DAY) + (i >= shiftAt ? 40 : 0);
    double[] y = Synthetic.sample(truth, n, 0.5, 13).values();
    Decomposed ses = Decomposed.fit(y, new int[] {DAY}, "day", 6 * WEEK, 2 * DAY, DAY)[0];
    assertThat(ses.name()).isEqualTo("mstl-ses(day)");
    for (int h : new int[] {6, 72, DAY}) {
      assertThat(ses.forecast(n - 1, h)).as("h=" + h).isCloseTo(truth.applyAsDouble(n - 1 + h), within(3.0));
    }
  }

  @Test
  void thetaRestDriftsAtHalfTheDeseasonalisedSlope() {
    int n = 28 * DAY;
    double slope = 0.01;
    double[] y = Synthetic.sample(i -> 100 + slope * i + 15 * Math.sin(2 * Math.PI * i / DAY), n, 0.5, 14).values();
    Decomposed theta = Decomposed.fit(y, new int[] {DAY}, "day", 6 * WEEK, 2 * DAY, DAY)[1];
    assertThat(theta.name()).isEqualTo("mstl-theta(day)");
    // same phase a week apart: only the drift differs (Hyndman and Billah: Theta is SES with drift b/2)
    double growth = theta.forecast(n - 1, 7 * DAY) - theta.forecast(n - 1, DAY);
    assertThat(growth).isCloseTo(slope / 2 * 6 * DAY, within(0.5));
  }

  @Test
  void seasonAheadLevelBeatsOneStepSmoothingADayAheadOnPersistentNoise() {
    // AR(1) noise around a fixed daily shape: one-step SES chases the noise, which has died out a day later
    Random rnd = new Random(15);
    int n = 21 * DAY;
    double[] y = new double[n];
    double ar = 0;
    for (int i = 0; i < n; i++) {
      ar = 0.95 * ar + rnd.nextGaussian();
      y[i] = 40 + 10 * Math.sin(2 * Math.PI * i / DAY) + ar;
    }
    Decomposed[] m = Decomposed.fit(y, new int[] {DAY}, "day", 6 * WEEK, 7 * DAY, DAY);
    assertThat(m[2].name()).isEqualTo("mstl-ses-season-ahead(day)");
    double oneStep = 0;
    double seasonAhead = 0;
    for (int o = 10 * DAY; o + DAY < n; o += 5) {
      oneStep += Math.abs(y[o + DAY] - m[0].forecast(o, DAY));
      seasonAhead += Math.abs(y[o + DAY] - m[2].forecast(o, DAY));
    }
    assertThat(seasonAhead).isLessThan(0.9 * oneStep);
  }

  @Test
  void backtestForecastsNeverUseTheFuture() {
    // a season that appears only after index 'change': a fit anchored before it must not know it
    int n = 20 * DAY;
    int change = 12 * DAY;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 10 + (i >= change ? 5 * Math.sin(2 * Math.PI * i / DAY) : 0);
    }
    Decomposed ses = Decomposed.fit(y, new int[] {DAY}, "day", 6 * WEEK, 2 * DAY, DAY)[0];
    int origin = change - 1;
    for (int h = 1; h < DAY; h += 17) {
      assertThat(ses.forecast(origin, h)).isCloseTo(10, within(1e-6));
    }
  }
}
