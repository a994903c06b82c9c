package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A regular-step time series: value {@code i} belongs to time {@code startMs + i * stepMs} (epoch ms, UTC);
 * {@link Double#NaN} marks a gap.
 *
 * <p>Immutable: the array is copied on the way in and on the way out of {@link #values()}. Equality compares
 * the values, not the array identity.
 */
public record Series(long startMs, long stepMs, double[] values) {

  /** Validates the step and copies the values. */
  public Series {
    if (stepMs <= 0) {
      throw new IllegalArgumentException("stepMs must be positive, was " + stepMs);
    }
    values = Objects.requireNonNull(values, "values").clone();
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The values without a copy, for this package only; callers never write to it. */
  double[] raw() {
    return values;
  }

  /** Number of steps, gaps included. */
  public int size() {
    return values.length;
  }

  /** The value at index {@code i} (NaN for a gap). */
  public double valueAt(int i) {
    return values[i];
  }

  /** The time of index {@code i}, epoch ms. */
  public long timeAt(int i) {
    return startMs + i * stepMs;
  }

  /** The step as a {@link Duration}. */
  public Duration step() {
    return Duration.ofMillis(stepMs);
  }

  /** The time of the last index; {@code startMs - stepMs} when empty. */
  public Instant end() {
    return Instant.ofEpochMilli(timeAt(values.length - 1));
  }

  /** Number of non-gap (finite) values. */
  public int observedCount() {
    int c = 0;
    for (double v : values) {
      if (Double.isFinite(v)) {
        c++;
      }
    }
    return c;
  }

  /** The first {@code n} values (the history up to an origin), same start and step. */
  public Series head(int n) {
    if (n < 0 || n > values.length) {
      throw new IllegalArgumentException("head(" + n + ") of a series of " + values.length);
    }
    return new Series(startMs, stepMs, Arrays.copyOf(values, n));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s && s.startMs == startMs && s.stepMs == stepMs && Arrays.equals(s.values, values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(startMs, stepMs) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Series[start=" + Instant.ofEpochMilli(startMs) + ", step=" + step() + ", size=" + values.length + "]";
  }
}
