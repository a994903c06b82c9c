package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.PathPoint;
import io.glasshouse.rollup.forecast.Series;
import java.time.Duration;
import java.util.List;

/**
 * Forecasts an SLO's total events with {@code rollup.forecast} (the same {@link Forecaster} capacity planning
 * uses): the history is the total events per UTC hour over the last {@link #HISTORY} (28 days, so that weekly
 * seasonality is seen: a budget that lasts at tonight's traffic may not last Monday's peak), from the first hour
 * with events, each hour's value dated at its end as in the read API; the hour in progress is left out. Hours come
 * from the counts' hour and minute cells ({@link MinuteCounts#hourlyFromMs()} on; day cells are left out). The
 * horizon is how far the exhaustion projection looks. CPU-bound: run it on a worker, and not every refresh.
 */
public final class TrafficForecasts {
  static final long STEP_MS = Duration.ofHours(1).toMillis();
  /** How far back the history goes: four weeks of hours. */
  public static final Duration HISTORY = Duration.ofDays(28);
  /** Less history than this and there is nothing worth forecasting. */
  static final Duration MIN_HISTORY = Duration.ofHours(6);

  private TrafficForecasts() {
  }

  /** Where the counts a forecast at {@code asOfMs} fits on start (an hour boundary). */
  public static long historyFrom(long asOfMs) {
    return Math.floorDiv(asOfMs, STEP_MS) * STEP_MS - HISTORY.toMillis();
  }

  /** The forecast as a projection, or the reason there is none (a String). */
  public static Object project(MinuteCounts counts, long asOfMs, Duration horizon) {
    long end = Math.floorDiv(asOfMs, STEP_MS) * STEP_MS;
    long from = Math.max(historyFrom(asOfMs), Math.max(counts.startMs(), counts.hourlyFromMs()));
    int i = counts.cellsBefore(from);
    while (i < counts.size() && counts.total(i) == 0) {
      i++;
    }
    if (i >= counts.size() || counts.startOf(i) >= end) {
      return "no events in the history to forecast from";
    }
    long first = Math.floorDiv(counts.startOf(i), STEP_MS) * STEP_MS;
    if (end - first < MIN_HISTORY.toMillis()) {
      return "less than " + SloJsonCodec.formatDuration(MIN_HISTORY) + " of traffic history to forecast from";
    }
    double[] v = new double[(int) ((end - first) / STEP_MS)];
    for (; i < counts.size() && counts.startOf(i) < end; i++) {
      v[(int) ((counts.startOf(i) - first) / STEP_MS)] += counts.total(i);
    }
    Forecast f = Forecaster.defaults().forecast(new Series(first + STEP_MS, STEP_MS, v), List.of(horizon));
    return new PathProjection(f.path(), STEP_MS, f.model(), Bound.POINT);
  }

  /** Which value of each path point a projection reads. */
  enum Bound {
    POINT, LOWER80, UPPER80;

    double of(PathPoint p) {
      return switch (this) {
        case POINT -> p.value();
        case LOWER80 -> p.lo80();
        case UPPER80 -> p.hi80();
      };
    }
  }

  /**
   * Events per minute from a forecast path: each point's value (the point forecast, or a bound of its 80%
   * interval) covers the step ending at its time.
   */
  record PathProjection(List<PathPoint> path, long stepMs, String model, Bound bound) implements TrafficProjection {
    PathProjection {
      path = List.copyOf(path);
    }

    @Override
    public TrafficProjection lower80() {
      return new PathProjection(path, stepMs, model, Bound.LOWER80);
    }

    @Override
    public TrafficProjection upper80() {
      return new PathProjection(path, stepMs, model, Bound.UPPER80);
    }

    @Override
    public double eventsPerMinute(long minuteMs) {
      if (path.isEmpty()) {
        return 0;
      }
      int lo = 0;
      int hi = path.size() - 1;
      long t = minuteMs + MinuteCounts.MINUTE_MS;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (path.get(mid).time().toEpochMilli() < t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      double perStep = bound.of(path.get(lo));
      return Math.max(0, perStep) * MinuteCounts.MINUTE_MS / stepMs;
    }

    @Override
    public String describe() {
      return "forecast " + model;
    }
  }
}
