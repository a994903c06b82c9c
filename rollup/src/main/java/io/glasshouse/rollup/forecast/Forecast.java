package io.glasshouse.rollup.forecast;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable forecast made at {@link #origin()} (the time of the last observed value).
 *
 * <p>Contract: {@link #horizons()} holds one entry per requested horizon, in request order; {@link #path()} runs
 * from one step after the origin to the longest horizon, at most {@link Forecaster#MAX_PATH_POINTS} points (evenly
 * downsampled on long horizons). {@link #model()} names the chosen model(s); {@link #fallbackReason()} says why a
 * simpler model than requested had to be used (short history, numeric failure); {@link #notes()} lists what was
 * done to the data (gaps imputed, outliers clipped, extrapolated intervals). Queries ({@link #timeToExhaustion},
 * {@link #instancesNeeded}) are pure and thread-safe. A final class rather than a record because it keeps the
 * fitted curve to answer exhaustion queries at full step resolution.
 */
public final class Forecast {
  private final String model;
  private final Optional<String> fallbackReason;
  private final List<String> notes;
  private final Instant origin;
  private final Duration step;
  private final List<HorizonForecast> horizons;
  private final List<PathPoint> path;
  private final Curve curve;
  private final int maxSteps;
  private final double lastValue;

  Forecast(String model, Optional<String> fallbackReason, List<String> notes, Instant origin, Duration step,
      List<HorizonForecast> horizons, List<PathPoint> path, Curve curve, int maxSteps, double lastValue) {
    this.model = model;
    this.fallbackReason = fallbackReason;
    this.notes = List.copyOf(notes);
    this.origin = origin;
    this.step = step;
    this.horizons = List.copyOf(horizons);
    this.path = List.copyOf(path);
    this.curve = curve;
    this.maxSteps = maxSteps;
    this.lastValue = lastValue;
  }

  /** The model or combination used; when horizons chose differently, each distinct choice joined by {@code " | "}. */
  public String model() {
    return model;
  }

  /** Why the forecast fell back to a simpler model, if it did. */
  public Optional<String> fallbackReason() {
    return fallbackReason;
  }

  /** What was done on the way: imputation, clipping, extrapolated intervals, fallbacks. */
  public List<String> notes() {
    return notes;
  }

  /** The time of the last observed value. */
  public Instant origin() {
    return origin;
  }

  /** The series step. */
  public Duration step() {
    return step;
  }

  /** One entry per requested horizon, in request order. */
  public List<HorizonForecast> horizons() {
    return horizons;
  }

  /** The forecast for {@code horizon}, if it was requested. */
  public Optional<HorizonForecast> at(Duration horizon) {
    return horizons.stream().filter(h -> h.horizon().equals(horizon)).findFirst();
  }

  /** The chartable path up to the longest horizon. */
  public List<PathPoint> path() {
    return path;
  }

  /**
   * When the point forecast and the upper 95% bound first reach {@code capacity}, searched step by step up to the
   * longest requested horizon and interpolated between steps. If the last observed value already reaches it, both
   * are the origin.
   */
  public Exhaustion timeToExhaustion(double capacity) {
    if (lastValue >= capacity) {
      return new Exhaustion(capacity, Optional.of(origin), Optional.of(origin));
    }
    Optional<Instant> point = Optional.empty();
    Optional<Instant> upper = Optional.empty();
    double prevPoint = lastValue;
    double prevUpper = lastValue;
    int stride = Math.max(1, maxSteps / 200_000);
    for (int h = stride; h <= maxSteps && point.isEmpty(); h += stride) {
      double[] b = curve.band(h);
      if (upper.isEmpty() && b[4] >= capacity) {
        upper = Optional.of(interpolate(h - stride, prevUpper, h, b[4], capacity));
      }
      if (b[0] >= capacity) {
        point = Optional.of(interpolate(h - stride, prevPoint, h, b[0], capacity));
      }
      prevPoint = b[0];
      prevUpper = b[4];
    }
    return new Exhaustion(capacity, point, upper);
  }

  private Instant interpolate(int h0, double v0, int h1, double v1, double capacity) {
    double frac = v1 == v0 ? 1 : (capacity - v0) / (v1 - v0);
    frac = Math.max(0, Math.min(1, frac));
    double steps = h0 + frac * (h1 - h0);
    return origin.plusMillis(Math.round(steps * step.toMillis()));
  }

  /**
   * Instances needed at each requested horizon to keep utilisation at or below {@code targetUtilisation} (0..1],
   * given the capacity of one instance in the series' unit.
   */
  public List<InstancesNeeded> instancesNeeded(double perInstanceCapacity, double targetUtilisation) {
    if (!(perInstanceCapacity > 0)) {
      throw new IllegalArgumentException("perInstanceCapacity must be positive, was " + perInstanceCapacity);
    }
    if (!(targetUtilisation > 0 && targetUtilisation <= 1)) {
      throw new IllegalArgumentException("targetUtilisation must be in (0, 1], was " + targetUtilisation);
    }
    double usable = perInstanceCapacity * targetUtilisation;
    List<InstancesNeeded> out = new ArrayList<>();
    for (HorizonForecast h : horizons) {
      out.add(new InstancesNeeded(h.horizon(), h.at(), instances(h.point(), usable), instances(h.hi80(), usable)));
    }
    return out;
  }

  private static int instances(double demand, double usable) {
    double n = Math.ceil(demand / usable - 1e-9);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, n));
  }

  @Override
  public String toString() {
    return "Forecast[model=" + model + ", origin=" + origin + ", horizons=" + horizons + ", notes=" + notes + "]";
  }
}
