package io.glasshouse.rollup.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the capacity report's forecasts must not jump between refreshes when the data did not change, and a
 * 7-day path must not go flat for part of the way (a naive model chosen for one horizon bucket).
 */
class ForecastStabilityTest {
  private static final int DAY = Synthetic.DAY;
  /** Peaks are near 90 at the end of 30 days and grow by about 1.15 a day. */
  private static final double CAPACITY = 110;

  /** A CPU-like gauge at 5 minutes: slow growth, daily and weekly cycles, noise; seeded, longer than needed. */
  private static double[] cpuLike(int n, long seed) {
    Random rnd = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 40 + 0.004 * i + 12 * Math.sin(2 * Math.PI * i / DAY) + 4 * Math.sin(2 * Math.PI * i / Synthetic.WEEK)
          + 2.5 * rnd.nextGaussian();
    }
    return v;
  }

  private static Forecast forecast(double[] v, int n) {
    return Forecaster.defaults().forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, Arrays.copyOf(v, n)));
  }

  /** A blend's weights in percent by model, read from its name ({@code blend(a 62%, b 38%)} or one model). */
  private static java.util.Map<String, Integer> weights(String model) {
    java.util.Map<String, Integer> out = new java.util.TreeMap<>();
    if (!model.startsWith("blend(")) {
      out.put(model, 100);
      return out;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([^,(]+(?:\\([^)]*\\))?) (\\d+)%")
        .matcher(model.substring(6, model.length() - 1));
    while (m.find()) {
      out.put(m.group(1).trim(), Integer.parseInt(m.group(2)));
    }
    return out;
  }

  /** The largest change of any model's weight between two blends, in percentage points. */
  private static int weightChange(String a, String b) {
    java.util.Map<String, Integer> wa = weights(a);
    java.util.Map<String, Integer> wb = weights(b);
    java.util.Set<String> all = new java.util.TreeSet<>(wa.keySet());
    all.addAll(wb.keySet());
    int max = 0;
    for (String m : all) {
      max = Math.max(max, Math.abs(wa.getOrDefault(m, 0) - wb.getOrDefault(m, 0)));
    }
    return max;
  }

  @Test
  void twoRefreshesOfTheSameDataGiveTheSameForecast() {
    double[] v = cpuLike(30 * DAY, 21);
    Forecast a = forecast(v, v.length);
    Forecast b = forecast(v, v.length);
    assertThat(b.horizons()).isEqualTo(a.horizons());
    assertThat(b.path()).isEqualTo(a.path());
    assertThat(b.timeToExhaustion(CAPACITY)).isEqualTo(a.timeToExhaustion(CAPACITY));
  }

  @Test
  void refreshesWithAFewMorePointsOfTheSamePatternKeepTheModelsAndTheExhaustionDate() {
    double[] v = cpuLike(30 * DAY + 24, 22);
    int base = 30 * DAY;
    Forecast first = forecast(v, base);
    Instant firstAt = first.timeToExhaustion(CAPACITY).point().orElseThrow();
    double daysAhead = Duration.between(first.origin(), firstAt).toMinutes() / 1440.0;
    assertThat(daysAhead).as("the capacity is reached within the 90-day horizon").isBetween(5.0, 90.0);

    for (int extra = 1; extra <= 24; extra++) {
      Forecast f = forecast(v, base + extra);
      for (int k = 0; k < f.horizons().size(); k++) {
        // the same models, their weights moved by a few points (the blend is continuous in the data)
        assertThat(weightChange(first.horizons().get(k).model(), f.horizons().get(k).model()))
            .as("+" + extra + " points, " + f.horizons().get(k).horizon()).isLessThanOrEqualTo(10);
      }
      Instant at = f.timeToExhaustion(CAPACITY).point().orElseThrow();
      double days = Duration.between(first.origin(), at).toMinutes() / 1440.0;
      // one more point moves the date by far less than the 34 -> 50.9 days of the report
      assertThat(Math.abs(days - daysAhead)).as("+" + extra + " points").isLessThan(0.05 * daysAhead);
    }
  }

  /**
   * A weak daily cycle (swing 4) under strong noise (sd 3) and a slow trend: the old per-bucket choice handed days
   * 2 to 7 of the path to a straight line (linear over a week), a flat week of forecast.
   */
  @Test
  void aSevenDayPathKeepsItsDailyCycleEveryDay() {
    for (long seed = 40; seed < 44; seed++) {
      Random rnd = new Random(seed);
      double[] v = new double[30 * DAY];
      for (int i = 0; i < v.length; i++) {
        v[i] = 40 + 0.004 * i + 2 * Math.sin(2 * Math.PI * i / DAY) + 3 * rnd.nextGaussian();
      }
      Forecast f = Forecaster.defaults().forecast(new Series(Synthetic.START, Synthetic.FIVE_MIN, v),
          List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(7)));
      List<List<Double>> days = new ArrayList<>();
      for (PathPoint p : f.path()) {
        int d = (int) ((p.time().toEpochMilli() - f.origin().toEpochMilli() - 1) / (DAY * Synthetic.FIVE_MIN));
        while (days.size() <= d) {
          days.add(new ArrayList<>());
        }
        days.get(d).add(p.value());
      }
      assertThat(days).hasSize(7);
      for (int d = 0; d < days.size(); d++) {
        double range = days.get(d).stream().mapToDouble(x -> x).max().orElseThrow()
            - days.get(d).stream().mapToDouble(x -> x).min().orElseThrow();
        // the true daily swing is 4; a flat stretch has a range of about a day's trend (1.2)
        assertThat(range).as("seed " + seed + ", day " + (d + 1) + " of the path").isGreaterThan(2.5);
      }
    }
  }
}
