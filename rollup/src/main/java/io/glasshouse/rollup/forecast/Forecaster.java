package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fits candidate models to a series, chooses per horizon by rolling-origin backtest, and calibrates intervals on the
 * backtest errors.
 *
 * <p>Contract: {@link #forecast} is pure, synchronous and thread-safe; the origin is the time of the last finite
 * value of the series (trailing gaps are ignored), never the wall clock. It throws {@link IllegalArgumentException}
 * for a series with no finite value or for empty or non-positive horizons, and otherwise always returns a forecast:
 * a series too short for seasonal models gets simpler ones and says so in {@link Forecast#fallbackReason()}.
 * Only the most recent {@link #maxHistory} points are used (six weeks at a 5-minute step), which bounds the cost.
 */
public final class Forecaster {
  /** The horizons capacity planning asks for: 30 minutes, 1 hour, 1 week, 3 months (90 days). */
  public static final List<Duration> DEFAULT_HORIZONS =
      List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(7), Duration.ofDays(90));
  /** Most points in {@link Forecast#path()}. */
  public static final int MAX_PATH_POINTS = 2000;

  private static final Forecaster DEFAULT = new Forecaster();

  private Forecaster() {
  }

  /** The default forecaster. */
  public static Forecaster defaults() {
    return DEFAULT;
  }

  /** Points of history used for a step: six weeks (at least 4000 points), at most 25000. */
  static int maxHistory(long stepMs) {
    int week = Periods.week(stepMs);
    return Math.min(25_000, Math.max(4000, 6 * week));
  }

  /** Forecasts {@link #DEFAULT_HORIZONS}. */
  public Forecast forecast(Series series) {
    return forecast(series, DEFAULT_HORIZONS);
  }

  /** Forecasts the given horizons (each rounded to whole steps, at least one step). */
  public Forecast forecast(Series series, List<Duration> horizons) {
    Objects.requireNonNull(series, "series");
    if (horizons == null || horizons.isEmpty()) {
      throw new IllegalArgumentException("at least one horizon is needed");
    }
    for (Duration d : horizons) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("horizons must be positive, got " + d);
      }
    }
    double[] v = series.raw();
    int last = v.length - 1;
    while (last >= 0 && !Double.isFinite(v[last])) {
      last--;
    }
    if (last < 0) {
      throw new IllegalArgumentException("series has no finite value");
    }
    long stepMs = series.stepMs();
    int from = Math.max(0, last + 1 - maxHistory(stepMs));
    while (!Double.isFinite(v[from])) {
      from++;
    }
    double[] raw = Arrays.copyOfRange(v, from, last + 1);
    Instant origin = Instant.ofEpochMilli(series.timeAt(last));
    return new Fit(raw, stepMs, origin, horizons).run();
  }

  /** One forecast in the making. */
  private static final class Fit {
    final double[] raw;
    final long stepMs;
    final Instant origin;
    final List<Duration> horizons;
    final int n;
    final int day;
    final int week;
    final List<String> notes = new ArrayList<>();
    String fallback;

    Fit(double[] raw, long stepMs, Instant origin, List<Duration> horizons) {
      this.raw = raw;
      this.stepMs = stepMs;
      this.origin = origin;
      this.horizons = horizons;
      this.n = raw.length;
      this.day = Periods.day(stepMs);
      this.week = Periods.week(stepMs);
    }

    Forecast run() {
      Preparation prep = Preparation.of(raw, day);
      if (prep.imputed > 0) {
        notes.add(prep.imputed + " missing points imputed for fitting");
      }
      if (prep.clipped > 0) {
        notes.add(prep.clipped + " outlying points clipped for fitting");
      }
      double[] y = prep.clean;
      boolean nonNegative = true;
      for (double x : raw) {
        if (x < 0) {
          nonNegative = false;
          break;
        }
      }
      int[] steps = new int[horizons.size()];
      int maxSteps = 1;
      for (int i = 0; i < steps.length; i++) {
        long s = Math.round(horizons.get(i).toMillis() / (double) stepMs);
        steps[i] = (int) Math.max(1, Math.min(10_000_000L, s));
        maxSteps = Math.max(maxSteps, steps[i]);
      }
      FittedModel[] models = candidates(y, prep.observed).toArray(new FittedModel[0]);
      int t0 = 0;
      for (FittedModel m : models) {
        t0 = Math.max(t0, m.warmup());
      }
      List<Blend.Choice> choices = List.of();
      int room = n - 1 - t0;
      if (room >= 3) {
        int longest = Math.max(1, room * 3 / 4);
        choices = Blend.choose(Backtest.run(models, raw, t0, buckets(longest, steps)), models.length);
      }
      Curve curve;
      if (choices.isEmpty()) {
        fallback = fallback == null ? "history of " + n + " points is too short to backtest; using the last value"
            : fallback;
        curve = naiveCurve(y, nonNegative);
      } else {
        curve = new Curve(models, n - 1, choices, nonNegative);
        if (!curve.finiteUpTo(steps) || !curve.finiteUpTo(new int[] {maxSteps})) {
          fallback = "the chosen model gave non-finite values; using the last value";
          curve = naiveCurve(y, nonNegative);
        } else if (maxSteps > curve.longestBacktested()) {
          notes.add("intervals beyond " + Periods.human(curve.longestBacktested() * stepMs)
              + " are extrapolated from the backtest (growing with the square root of the horizon)");
        }
      }
      return build(curve, steps, maxSteps, raw[n - 1]);
    }

    private List<FittedModel> candidates(double[] y, boolean[] observed) {
      List<FittedModel> models = new ArrayList<>();
      models.add(new Naive(y));
      if (n < 3) {
        fallback = "history of " + n + " points is too short for any model but the last value";
        return models;
      }
      models.add(day > 0 ? new LinearTrend(y, day, "1d") : new LinearTrend(y, Math.min(n, 30), "30 steps"));
      int window = maxHistory(stepMs);
      HoltWinters dayFit = null;
      if (day > 0 && n >= 2 * day + 2) {
        models.add(new SeasonalNaive(y, day, 1, "day"));
        if (n >= 4 * day) {
          models.add(new SeasonalDrift(y, day, "day"));
        }
        if (n >= 6 * day) {
          models.add(new SeasonalNaive(y, day, 3, "day"));
        }
        if (n >= 3 * day) {
          dayFit = addHoltWinters(models, y, observed, day, "day", null);
        }
      } else if (day > 0) {
        fallback = "history covers " + Periods.human(n * stepMs) + ", less than the 2d a daily-seasonal model needs;"
            + " using non-seasonal models";
      }
      boolean weekly = week > 0 && n >= 3 * week;
      if (week > 0 && n >= 2 * week + 2) {
        models.add(new SeasonalNaive(y, week, 1, "week"));
        if (weekly) {
          addHoltWinters(models, y, observed, week, "week", dayFit);
        }
      } else if (week > 0 && day > 0 && n >= 3 * day) {
        notes.add("history covers " + Periods.human(n * stepMs) + ", less than the 2w a weekly-seasonal model needs");
      }
      addMedianOfNaives(models);
      if (day > 0 && n >= 3 * day) {
        addDecomposed(models, y, new int[] {day}, "day", window);
        if (weekly) {
          addDecomposed(models, y, new int[] {day, week}, "day+week", window);
        }
      } else {
        addDecomposed(models, y, new int[0], "", window);
      }
      return models;
    }

    /** Adds the median of the naive, seasonal naive and seasonal mean forecasts, when there are three. */
    private static void addMedianOfNaives(List<FittedModel> models) {
      List<FittedModel> naives = new ArrayList<>();
      for (FittedModel m : models) {
        if (m instanceof Naive || m instanceof SeasonalNaive) {
          naives.add(m);
        }
      }
      if (naives.size() >= 3) {
        models.add(new MedianOf(naives.subList(0, 3).toArray(new FittedModel[0])));
      }
    }

    /** Adds the SES and Theta variants of the decomposition, refitted at a few anchors over the backtest. */
    private void addDecomposed(List<FittedModel> models, double[] y, int[] periods, String name, int window) {
      int longest = periods.length == 0 ? 1 : periods[periods.length - 1];
      int warm = Math.max(2, 2 * longest);
      int spacing = Math.max(day > 0 ? day : 1, (n - 1 - warm) / 2);
      // the last-value variant (Rest.LAST) is left out: carrying one point's noise to every horizon moved the
      // 90-day exhaustion date between refreshes (ForecastStabilityTest); see BENCHMARKS.md
      for (Decomposed d : Decomposed.fit(y, periods, name, window, warm, spacing)) {
        if (!d.name().startsWith("mstl-last")) {
          models.add(d);
        }
      }
    }

    /** Adds the additive fit; returns it, or null. */
    private HoltWinters addHoltWinters(List<FittedModel> models, double[] y, boolean[] observed, int period,
        String name, HoltWinters warm) {
      int before = models.size();
      HoltWinters add = HoltWinters.fit(y, observed, period, false, name, warm);
      if (add != null) {
        models.add(add);
      }
      // multiplicative seasons are fitted only where a season is short enough to be cheap
      HoltWinters mul = period <= 1000 ? HoltWinters.fit(y, observed, period, true, name, add) : null;
      if (mul != null) {
        models.add(mul);
      }
      if (models.size() == before) {
        notes.add("Holt-Winters (" + name + ") did not fit; left out");
      }
      return add;
    }

    private Curve naiveCurve(double[] y, boolean nonNegative) {
      FittedModel[] naive = {new Naive(y)};
      double s = 0;
      int c = 0;
      for (int i = 1; i < n; i++) {
        s += Math.abs(y[i] - y[i - 1]);
        c++;
      }
      double mae = c == 0 ? 0 : s / c;
      if (c == 0) {
        notes.add("a single point: intervals have zero width");
      }
      Blend.Choice only = new Blend.Choice(1, new double[] {1}, mae, new double[0], 0);
      return new Curve(naive, n - 1, List.of(only), Curve.DEFAULT_Z, nonNegative);
    }

    private static int[] buckets(int longest, int[] requested) {
      Set<Integer> set = new TreeSet<>();
      for (int b = 1; b <= longest; b = Math.max(b + 1, (int) Math.round(b * 1.5))) {
        set.add(b);
      }
      for (int r : requested) {
        if (r <= longest) {
          set.add(r);
        }
      }
      return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private Forecast build(Curve curve, int[] steps, int maxSteps, double lastValue) {
      List<HorizonForecast> out = new ArrayList<>();
      Set<String> names = new LinkedHashSet<>();
      for (int i = 0; i < steps.length; i++) {
        double[] b = curve.band(steps[i]);
        String model = curve.modelAt(steps[i]);
        names.add(model);
        out.add(new HorizonForecast(horizons.get(i), origin.plusMillis(steps[i] * stepMs), model, b[0], b[1], b[2],
            b[3], b[4]));
      }
      int stride = (maxSteps + MAX_PATH_POINTS - 1) / MAX_PATH_POINTS;
      List<PathPoint> path = new ArrayList<>();
      for (int h = stride; ; h += stride) {
        int hh = Math.min(h, maxSteps);
        double[] b = curve.band(hh);
        path.add(new PathPoint(origin.plusMillis(hh * stepMs), b[0], b[1], b[2], b[3], b[4]));
        if (hh == maxSteps) {
          break;
        }
      }
      if (fallback != null) {
        notes.add(0, fallback);
      }
      return new Forecast(String.join(" | ", names), Optional.ofNullable(fallback), notes, origin,
          Duration.ofMillis(stepMs), out, path, curve, maxSteps, lastValue);
    }
  }
}
