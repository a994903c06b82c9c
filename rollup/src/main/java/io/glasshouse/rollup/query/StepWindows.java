package io.glasshouse.rollup.query;

import java.time.Duration;

/**
 * The step windows of a range query, aligned to the step grid (multiples of the step since the epoch, UTC).
 *
 * <p>{@code from} is floored and {@code to} ceiled to the grid, so every requested minute is covered and point
 * times do not shift when a dashboard refreshes. Window {@code i} covers the minutes in
 * {@code [startMs + i*step, startMs + (i+1)*step)} and its point is at the window's end. A window reaching past
 * the newest data (the current minute) is partial: {@code increase} counts what is there and {@code rate}
 * still divides by the whole step.
 *
 * @param startMs start of the first window
 * @param stepMs window length, a positive multiple of one minute
 * @param count number of windows (points per series at most)
 */
public record StepWindows(long startMs, long stepMs, int count) {
  /** Prometheus's limit on points per series in a range query. */
  public static final int MAX_POINTS = 11_000;
  static final long MINUTE_MS = 60_000;

  /**
   * Windows covering [from, to).
   *
   * @throws QueryException naming {@code step}, {@code from} or {@code to} when the range or step is unusable,
   *     or when the query would have more than {@link #MAX_POINTS} points per series
   */
  public static StepWindows of(long fromMs, long toMs, Duration step) {
    long stepMs = step.toMillis();
    if (stepMs <= 0 || stepMs % MINUTE_MS != 0) {
      throw QueryException.badParameter("step", "Parameter 'step' must be a whole number of minutes (1m, 5m, 1h, "
          + "PT15M), at least 1m; got " + step + ".");
    }
    if (fromMs >= toMs) {
      throw QueryException.badParameter("from", "Parameter 'from' must be before 'to'.");
    }
    long start = Math.floorDiv(fromMs, stepMs) * stepMs;
    long end = Math.floorDiv(toMs + stepMs - 1, stepMs) * stepMs;
    long n = (end - start) / stepMs;
    if (n > MAX_POINTS) {
      long perMinute = (MAX_POINTS - 1) * MINUTE_MS;
      long minStepMin = (toMs - fromMs + perMinute - 1) / perMinute;
      throw QueryException.badParameter("step", "This range at step " + step + " needs " + n + " points per series, "
          + "more than the limit of " + MAX_POINTS + "; raise 'step' (to at least " + minStepMin + "m) or narrow "
          + "'from'/'to'.");
    }
    return new StepWindows(start, stepMs, (int) n);
  }

  public long endMs() {
    return startMs + count * stepMs;
  }

  /** Index of the window holding {@code minuteMs}, or -1 when outside. */
  public int indexOf(long minuteMs) {
    if (minuteMs < startMs || minuteMs >= endMs()) {
      return -1;
    }
    return (int) ((minuteMs - startMs) / stepMs);
  }

  /** The point time of window {@code i}: its end. */
  public long pointTimeMs(int i) {
    return startMs + (i + 1) * stepMs;
  }
}
