package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  private static final List<Duration> HORIZONS =
      List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
  private final Forecaster forecaster = Forecaster.defaults();

  /** Mean absolute difference between the forecast path and the true signal. */
  private static double pathError(Forecast f, IntToDoubleFunction truth, int n) {
    double s = 0;
    for (PathPoint p : f.path()) {
      int i = (int) ((p.time().toEpochMilli() - Synthetic.START) / Synthetic.FIVE_MIN);
      s += Math.abs(p.value() - truth.applyAsDouble(i));
    }
    return s / f.path().size();
  }

  @Test
  void seasonalSeriesWithTrendIsForecastWithinTightBounds() {
    IntToDoubleFunction truth = Synthetic.seasonal(100, 0.002, 20, 8);
    int n = 28 * Synthetic.DAY;
    Series s = Synthetic.sample(truth, n, 1.0, 1);
    Forecast f = forecaster.forecast(s, HORIZONS);
    for (HorizonForecast h : f.horizons()) {
      int i = n - 1 + (int) (h.horizon().toMillis() / Synthetic.FIVE_MIN);
      // noise sd 1; a week ahead the trend (4 per week) is partly damped away, so allow more there
      double tolerance = h.horizon().compareTo(Duration.ofDays(1)) <= 0 ? 3.0 : 5.0;
      assertThat(h.point()).as(h.horizon() + " by " + h.model()).isCloseTo(truth.applyAsDouble(i), within(tolerance));
      assertThat(truth.applyAsDouble(i)).isBetween(h.lo95(), h.hi95());
      assertThat(h.lo95()).isLessThanOrEqualTo(h.lo80());
      assertThat(h.hi80()).isLessThanOrEqualTo(h.hi95());
    }
    assertThat(pathError(f, truth, n)).isLessThan(2.0);
  }

  @Test
  void fitRecoversLevelAndDailySeasonOfANoiselessSeries() {
    IntToDoubleFunction truth = Synthetic.seasonal(50, 0, 10, 0);
    int n = 10 * Synthetic.DAY;
    Forecast f = forecaster.forecast(Synthetic.sample(truth, n, 0, 2), List.of(Duration.ofDays(2)));
    assertThat(pathError(f, truth, n)).isLessThan(0.05);
    assertThat(f.fallbackReason()).isEmpty();
  }

  @Test
  void gapsAreImputedAndDoNotBreakTheForecast() {
    IntToDoubleFunction truth = Synthetic.seasonal(100, 0, 20, 0);
    int n = 14 * Synthetic.DAY;
    double[] v = Synthetic.sample(truth, n, 1.0, 3).values();
    for (int i = 0; i < n; i += 7) {
      v[i] = Double.NaN;
    }
    for (int i = n - 400; i < n - 300; i++) {
      v[i] = Double.NaN;
    }
    Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, v), HORIZONS);
    assertThat(f.notes()).anyMatch(s -> s.contains("imputed"));
    assertThat(pathError(f, truth, n)).isLessThan(3.0);
  }

  @Test
  void trailingGapsMoveTheOriginToTheLastObservedValue() {
    double[] v = Synthetic.sample(Synthetic.seasonal(10, 0, 1, 0), 3 * Synthetic.DAY, 0.1, 4).values();
    v[v.length - 1] = Double.NaN;
    Series s = new Series(Synthetic.START, Synthetic.FIVE_MIN, v);
    Forecast f = forecaster.forecast(s, HORIZONS);
    assertThat(f.origin()).isEqualTo(Instant.ofEpochMilli(s.timeAt(v.length - 2)));
  }

  @Test
  void outliersDoNotDragTheForecast() {
    IntToDoubleFunction truth = Synthetic.seasonal(100, 0, 20, 0);
    int n = 14 * Synthetic.DAY;
    double[] v = Synthetic.sample(truth, n, 1.0, 5).values();
    for (int i = 13; i < n - 2; i += 97) {
      v[i] += 1000;
    }
    Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, v), HORIZONS);
    assertThat(f.notes()).anyMatch(s -> s.contains("clipped"));
    assertThat(pathError(f, truth, n)).isLessThan(5.0);
  }

  @Test
  void levelShiftIsFollowedByTheForecast() {
    int n = 14 * Synthetic.DAY;
    int shiftAt = n - 3 * Synthetic.DAY;
    IntToDoubleFunction truth = i -> Synthetic.seasonal(100, 0, 10, 0).applyAsDouble(i) + (i >= shiftAt ? 80 : 0);
    Forecast f = forecaster.forecast(Synthetic.sample(truth, n, 1.0, 6), HORIZONS);
    HorizonForecast hour = f.at(Duration.ofHours(1)).orElseThrow();
    assertThat(hour.point()).isCloseTo(truth.applyAsDouble(n - 1 + 12), within(5.0));
    HorizonForecast day = f.at(Duration.ofDays(1)).orElseThrow();
    assertThat(day.point()).isCloseTo(truth.applyAsDouble(n - 1 + Synthetic.DAY), within(8.0));
  }

  @Test
  void flatSeriesForecastsItsValueWithZeroWidthBands() {
    double[] v = new double[5 * Synthetic.DAY];
    java.util.Arrays.fill(v, 42);
    Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, v), HORIZONS);
    for (HorizonForecast h : f.horizons()) {
      assertThat(h.point()).isCloseTo(42, within(1e-9));
      assertThat(h.lo95()).isCloseTo(42, within(1e-6));
      assertThat(h.hi95()).isCloseTo(42, within(1e-6));
    }
    assertThat(f.timeToExhaustion(50).point()).isEmpty();
  }

  @Test
  void tinySeriesFallsBackAndSaysSo() {
    Series s = new Series(Synthetic.START, Synthetic.FIVE_MIN, new double[] {3, 4, 5, 4, 5, 6});
    Forecast f = forecaster.forecast(s, HORIZONS);
    assertThat(f.fallbackReason()).isPresent();
    assertThat(f.fallbackReason().get()).contains("daily-seasonal");
    assertThat(f.notes()).contains(f.fallbackReason().get());
    assertThat(f.horizons()).hasSize(4).allMatch(h -> Double.isFinite(h.point()) && h.hi95() >= h.point());
  }

  @Test
  void singlePointForecastsThatPoint() {
    Forecast f = forecaster.forecast(new Series(Synthetic.START, 60_000, new double[] {7}), HORIZONS);
    assertThat(f.model()).isEqualTo("naive");
    assertThat(f.fallbackReason()).isPresent();
    assertThat(f.horizons()).allMatch(h -> h.point() == 7);
  }

  @Test
  void seriesWithoutValuesOrWithoutHorizonsIsRejected() {
    Series empty = new Series(0, 1000, new double[] {Double.NaN, Double.NaN});
    assertThatThrownBy(() -> forecaster.forecast(empty, HORIZONS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no finite value");
    Series one = new Series(0, 1000, new double[] {1});
    assertThatThrownBy(() -> forecaster.forecast(one, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> forecaster.forecast(one, List.of(Duration.ZERO)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeToExhaustionOnALinearRampIsExact() {
    int n = 2 * 1440;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 10 + 0.5 * i;
    }
    Series s = new Series(Synthetic.START, 60_000, v);
    Forecast f = forecaster.forecast(s, List.of(Duration.ofHours(1), Duration.ofDays(1)));
    double capacity = v[n - 1] + 100.25;
    Exhaustion e = f.timeToExhaustion(capacity);
    // 100.25 above the last value at 0.5 per minute: 200.5 minutes after the origin
    assertThat(f.model()).startsWith("linear");
    assertThat(e.point()).contains(f.origin().plusMillis(200 * 60_000 + 30_000));
    assertThat(e.upper95()).isPresent();
    assertThat(e.upper95().get()).isBeforeOrEqualTo(e.point().get());
  }

  @Test
  void crossingOnASeasonalSeriesWithTrendIsWithinOneStep() {
    IntToDoubleFunction truth = Synthetic.seasonal(100, 0.01, 15, 0);
    int n = 14 * Synthetic.DAY;
    Series s = Synthetic.sample(truth, n, 0, 7);
    double capacity = 100 + 0.01 * (n + 2 * Synthetic.DAY) + 10;
    int trueStep = -1;
    for (int h = 1; h < 7 * Synthetic.DAY; h++) {
      if (truth.applyAsDouble(n - 1 + h) >= capacity) {
        trueStep = h;
        break;
      }
    }
    assertThat(trueStep).isPositive();
    Forecast f = forecaster.forecast(s, List.of(Duration.ofHours(1), Duration.ofDays(7)));
    Instant predicted = f.timeToExhaustion(capacity).point().orElseThrow();
    Instant actual = f.origin().plusMillis(trueStep * Synthetic.FIVE_MIN);
    assertThat(Duration.between(predicted, actual).abs()).isLessThanOrEqualTo(Duration.ofMillis(Synthetic.FIVE_MIN));
  }

  @Test
  void alreadyExhaustedCapacityIsTheOrigin() {
    double[] v = new double[100];
    java.util.Arrays.fill(v, 90);
    Forecast f = forecaster.forecast(new Series(Synthetic.START, 60_000, v), HORIZONS);
    assertThat(f.timeToExhaustion(80).point()).contains(f.origin());
  }

  @Test
  void instancesNeededDividesDemandByUsableCapacity() {
    double[] v = new double[3 * Synthetic.DAY];
    java.util.Arrays.fill(v, 42);
    Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, v), HORIZONS);
    List<InstancesNeeded> needed = f.instancesNeeded(10, 0.5);
    assertThat(needed).hasSize(4).allMatch(x -> x.forPoint() == 9 && x.forUpper80() >= 9);
    assertThatThrownBy(() -> f.instancesNeeded(10, 1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetUtilisation");
  }

  @Test
  void pathIsCappedAndEndsAtTheLongestHorizon() {
    Series s = Synthetic.sample(Synthetic.seasonal(100, 0, 10, 0), 10 * Synthetic.DAY, 1, 8);
    Forecast f = forecaster.forecast(s, Forecaster.DEFAULT_HORIZONS);
    assertThat(f.path()).hasSizeLessThanOrEqualTo(Forecaster.MAX_PATH_POINTS);
    assertThat(f.path().get(f.path().size() - 1).time()).isEqualTo(f.origin().plus(Duration.ofDays(90)));
    assertThat(f.notes()).anyMatch(n -> n.contains("extrapolated"));
    assertThat(f.path()).allMatch(p -> p.lo95() <= p.lo80() && p.lo80() <= p.value() && p.value() <= p.hi80()
        && p.hi80() <= p.hi95());
  }

  @Test
  void forecastDependsOnlyOnTheSeriesNotOnTheWallClock() {
    Series s = Synthetic.sample(Synthetic.seasonal(100, 0, 10, 0), 4 * Synthetic.DAY, 1, 9);
    Forecast a = forecaster.forecast(s, HORIZONS);
    Forecast b = forecaster.forecast(s, HORIZONS);
    assertThat(a.horizons()).isEqualTo(b.horizons());
    assertThat(a.origin()).isEqualTo(Instant.ofEpochMilli(s.timeAt(s.size() - 1)));
  }

  /**
   * A temperature-like series whose day has sharp, repeating features (a ramp, a 30-minute sawtooth, steps) and
   * persistent noise: seasonal naive is hard to beat at every horizon. The backtest used not to see it because the
   * outlier clipping flattened the repeating features before any model saw them.
   */
  @Test
  void aSharpDailyPatternIsForecastAtLeastAsWellAsSeasonalNaive() {
    java.util.Random rnd = new java.util.Random(7);
    int day = Synthetic.DAY;
    int n = 35 * day;
    double[] v = new double[n + day];
    double ar = 0;
    for (int i = 0; i < v.length; i++) {
      int ph = i % day;
      double shape = ph < 72 ? 60 : ph < 108 ? 60 + (ph - 72) * 0.5 : ph < 216 ? 78 + ((ph % 12) < 6 ? 3 : -3) : 62;
      ar = 0.9 * ar + 0.3 * rnd.nextGaussian();
      v[i] = shape + ar;
    }
    int[] hs = {6, 12, day};
    double[] ours = new double[3];
    double[] seasonalNaive = new double[3];
    for (int o = n - 10 * day; o < n - 1; o += 61) {
      Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, java.util.Arrays.copyOf(v, o + 1)),
          List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(1)));
      for (int k = 0; k < 3; k++) {
        double y = v[o + hs[k]];
        ours[k] += Math.abs(y - f.horizons().get(k).point());
        seasonalNaive[k] += Math.abs(y - v[o + hs[k] - day]);
      }
    }
    for (int k = 0; k < 3; k++) {
      assertThat(ours[k]).as("h = " + hs[k] + " steps").isLessThanOrEqualTo(seasonalNaive[k]);
    }
  }

  @Test
  void spikyCountsThatMakeTheOptimiserFailStillGetAForecast() {
    // seed 580 makes BOBYQA throw "trust region step has failed to reduce Q" inside the Holt-Winters fit
    java.util.Random r = new java.util.Random(580);
    int n = 3 * 288 + 10;
    double[] y = new double[n];
    boolean[] observed = new boolean[n];
    double level = 5 + r.nextInt(50);
    for (int i = 0; i < n; i++) {
      double lam = level * (1 + 0.5 * Math.sin(2 * Math.PI * i / 288)) * (r.nextDouble() < 0.01 ? 20 : 1);
      y[i] = Math.max(0, Math.round(lam + Math.sqrt(lam) * r.nextGaussian()));
      observed[i] = true;
    }
    assertThat(HoltWinters.fit(y, observed, 288, false, "day")).isNotNull();
    HoltWinters.fit(y, observed, 288, true, "day");
    Forecast f = forecaster.forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, y), HORIZONS);
    assertThat(f.horizons()).allMatch(h -> Double.isFinite(h.point()));
  }

  @Test
  void aFeatureThatRepeatsEveryDayIsNotClippedButALoneSpikeIs() {
    int day = Synthetic.DAY;
    double[] v = Synthetic.sample(Synthetic.seasonal(100, 0, 5, 0), 6 * day, 0.5, 31).values();
    for (int d = 0; d < 6; d++) {
      v[d * day + 100] += 40;
    }
    v[3 * day + 200] += 40;
    boolean[] observed = new boolean[v.length];
    java.util.Arrays.fill(observed, true);
    double[] y = v.clone();
    assertThat(Preparation.winsorise(y, observed, day)).isEqualTo(1);
    assertThat(y[3 * day + 100]).isEqualTo(v[3 * day + 100]);
    assertThat(y[3 * day + 200]).isLessThan(v[3 * day + 200] - 30);
  }
}
