package io.glasshouse.rollup.slo;

import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.PathPoint;
import io.glasshouse.rollup.forecast.Series;
import java.time.Duration;
import java.util.List;

/**
 * Forecasts an SLO's total events with {@code rollup.forecast} (the same {@link Forecaster} capacity planning
 * uses): the history is the total events per step (5 minutes, coarser so that at most 8,640 points are
 * fitted) of the counts' per-minute part ({@link MinuteCounts#fineFromMs()} on: at least 3 days; hour and day
 * cells before it are left out), each step's value dated at its end as in the read API; the horizon is how far the exhaustion projection
 * looks. CPU-bound (a fit takes a noticeable fraction of a second): run it on a worker, and not every refresh.
 */
public final class TrafficForecasts {
  static final long MIN_STEP_MS = Duration.ofMinutes(5).toMillis();
  static final int MAX_POINTS = 8640;
  /** Less history than this and there is nothing worth forecasting. */
  static final Duration MIN_HISTORY = Duration.ofHours(6);

  private TrafficForecasts() {
  }

  /** The forecast as a projection, or the reason there is none (a String). */
  public static Object project(MinuteCounts counts, long asOfMs, Duration horizon) {
    // before fineFromMs, hours and days sit at their first minute: forecast from the per-minute part only
    long from = Math.max(counts.startMs(), counts.fineFromMs());
    int firstWithData = -1;
    for (int i = (int) ((from - counts.startMs()) / MinuteCounts.MINUTE_MS); i < counts.size(); i++) {
      if (counts.total(i) > 0) {
        firstWithData = i;
        break;
      }
    }
    if (firstWithData < 0) {
      return "no events in the history to forecast from";
    }
    from = counts.startMs() + firstWithData * MinuteCounts.MINUTE_MS;
    long span = asOfMs - from;
    if (span < MIN_HISTORY.toMillis()) {
      return "less than " + SloJsonCodec.formatDuration(MIN_HISTORY) + " of traffic history to forecast from";
    }
    long step = Math.max(MIN_STEP_MS, ceilTo(span / MAX_POINTS, MIN_STEP_MS));
    long start = asOfMs - (span / step) * step;
    int n = (int) ((asOfMs - start) / step);
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      double sum = 0;
      for (long m = start + k * step; m < start + (k + 1) * step; m += MinuteCounts.MINUTE_MS) {
        sum += counts.totalAt(m);
      }
      v[k] = sum;
    }
    Forecast f = Forecaster.defaults().forecast(new Series(start + step, step, v), List.of(horizon));
    return new PathProjection(f.path(), step, f.model());
  }

  private static long ceilTo(long v, long unit) {
    return (v + unit - 1) / unit * unit;
  }

  /** Events per minute from a forecast path: each point's value covers the step ending at its time. */
  record PathProjection(List<PathPoint> path, long stepMs, String model) implements TrafficProjection {
    PathProjection {
      path = List.copyOf(path);
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
      double perStep = path.get(lo).value();
      return Math.max(0, perStep) * MinuteCounts.MINUTE_MS / stepMs;
    }

    @Override
    public String describe() {
      return "forecast " + model;
    }
  }
}
