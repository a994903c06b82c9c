package io.glasshouse.rollup.capacity;

import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import io.glasshouse.rollup.forecast.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One indicator's state at {@code computedAt}: what it uses now, what it has, and what it will need. Immutable.
 *
 * <p>When the indicator could not be forecast (unknown service or metric, no data in the history window, a failed
 * read), {@link #error()} says why and the forecast fields are empty or NaN; the snapshot is still listed, so a
 * misconfigured indicator is visible rather than silently missing.
 *
 * @param computedAt the planner clock's time when this was computed
 * @param liveInstances live instances of the service at {@code computedAt}
 * @param capacity the capacity now: the absolute amount, or per-instance amount × live instances; NaN when
 *     per-instance and no instance is live
 * @param current the last observed value of the demand series (NaN without data), at {@code currentAt}
 * @param utilisation {@code current / capacity} (NaN when either is unknown)
 * @param exhaustion when the point forecast and its upper 95% bound reach {@code capacity}
 * @param targetExhaustion the same for {@code targetUtilisation × capacity}
 * @param instancesNeeded per horizon, for per-instance capacity only (empty otherwise)
 * @param anomalyScore the anomaly score in [0, 1] of the last observed point (0 without enough history)
 * @param anomalous whether that point is flagged
 * @param history the demand series that was forecast, at the query step
 */
public record CapacitySnapshot(CapacityIndicator indicator, Instant computedAt, Optional<String> error,
    int liveInstances, double capacity, double current, Optional<Instant> currentAt, double utilisation,
    Optional<Forecast> forecast, Optional<Exhaustion> exhaustion, Optional<Exhaustion> targetExhaustion,
    List<InstancesNeeded> instancesNeeded, double anomalyScore, boolean anomalous, Optional<Series> history) {

  /** Upper-95 exhaustion closer than this suggests paging (the alerting default). */
  public static final Duration PAGE_UNDER = Duration.ofHours(4);
  /** Upper-95 exhaustion closer than this suggests a ticket (the alerting default). */
  public static final Duration TICKET_UNDER = Duration.ofDays(7);

  /** Orders snapshots by the upper-95 time to exhaustion, soonest first; never exhausted and errors last, by name. */
  public static final Comparator<CapacitySnapshot> BY_EXHAUSTION = Comparator
      .comparing((CapacitySnapshot s) -> s.upperExhaustionAt().orElse(Instant.MAX))
      .thenComparing(s -> s.pointExhaustionAt().orElse(Instant.MAX))
      .thenComparing(s -> s.error().isPresent())
      .thenComparing(s -> s.indicator().name());

  public CapacitySnapshot {
    Objects.requireNonNull(indicator, "indicator");
    Objects.requireNonNull(computedAt, "computedAt");
    instancesNeeded = List.copyOf(instancesNeeded);
  }

  /** A snapshot for an indicator that could not be forecast. */
  public static CapacitySnapshot failed(CapacityIndicator indicator, Instant computedAt, String why,
      int liveInstances) {
    double capacity = indicator.capacity().total(liveInstances);
    return new CapacitySnapshot(indicator, computedAt, Optional.of(why), liveInstances, capacity, Double.NaN,
        Optional.empty(), Double.NaN, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), 0, false,
        Optional.empty());
  }

  public String name() {
    return indicator.name();
  }

  /** Per-horizon forecasts with their 80% and 95% intervals (empty without a forecast). */
  public List<HorizonForecast> horizons() {
    return forecast.map(Forecast::horizons).orElse(List.of());
  }

  /** The model(s) chosen, or empty without a forecast. */
  public Optional<String> model() {
    return forecast.map(Forecast::model);
  }

  /** When the point forecast reaches capacity, if it does within the longest horizon. */
  public Optional<Instant> pointExhaustionAt() {
    return exhaustion.flatMap(Exhaustion::point);
  }

  /** When the upper 95% bound reaches capacity (the early warning), if it does within the longest horizon. */
  public Optional<Instant> upperExhaustionAt() {
    return exhaustion.flatMap(Exhaustion::upper95);
  }

  /** Time from {@code computedAt} until the upper 95% bound reaches capacity; zero when it already has. */
  public Optional<Duration> timeToUpperExhaustion() {
    return upperExhaustionAt().map(this::from);
  }

  /** Time from {@code computedAt} until the point forecast reaches capacity; zero when it already has. */
  public Optional<Duration> timeToPointExhaustion() {
    return pointExhaustionAt().map(this::from);
  }

  private Duration from(Instant t) {
    Duration d = Duration.between(computedAt, t);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /**
   * {@code page} when the upper 95% bound reaches capacity within {@link #PAGE_UNDER}, {@code ticket} within
   * {@link #TICKET_UNDER}, else {@code none} (also without a forecast).
   */
  public String suggestedSeverity() {
    Optional<Duration> t = timeToUpperExhaustion();
    if (t.isEmpty()) {
      return "none";
    }
    if (t.get().compareTo(PAGE_UNDER) < 0) {
      return "page";
    }
    return t.get().compareTo(TICKET_UNDER) < 0 ? "ticket" : "none";
  }
}
