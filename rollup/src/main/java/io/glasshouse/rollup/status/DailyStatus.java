package io.glasshouse.rollup.status;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One component's UTC day: how long it spent in each status (as observed by the evaluator; time Glasshouse was
 * not running is in no status) and the uptime that follows.
 *
 * @param componentId the component
 * @param day         the UTC day
 * @param millis      milliseconds observed in each status; absent statuses are 0
 */
public record DailyStatus(String componentId, LocalDate day, Map<ComponentStatus, Long> millis) {
  public DailyStatus {
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(day, "day");
    EnumMap<ComponentStatus, Long> copy = new EnumMap<>(ComponentStatus.class);
    if (millis != null) {
      millis.forEach((s, ms) -> {
        if (ms != null && ms > 0) {
          copy.put(s, ms);
        }
      });
    }
    millis = Map.copyOf(copy);
  }

  /** A day with nothing observed. */
  public static DailyStatus empty(String componentId, LocalDate day) {
    return new DailyStatus(componentId, day, Map.of());
  }

  public long millis(ComponentStatus s) {
    return millis.getOrDefault(s, 0L);
  }

  /** Whole minutes in {@code s}, rounded to the nearest minute. */
  public long minutes(ComponentStatus s) {
    return (millis(s) + 30_000) / 60_000;
  }

  /** Milliseconds observed in any status. */
  public long observedMillis() {
    return millis.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Uptime in percent: 100 × (1 − Σ weight(status) × time(status) / (observed time − maintenance time)); empty
   * when nothing outside maintenance was observed that day (no data, or maintenance all day).
   */
  public OptionalDouble uptimePercent(UptimeWeights weights) {
    long denominator = observedMillis() - millis(ComponentStatus.UNDER_MAINTENANCE);
    if (denominator <= 0) {
      return OptionalDouble.empty();
    }
    double down = 0;
    for (Map.Entry<ComponentStatus, Long> e : millis.entrySet()) {
      down += weights.of(e.getKey()) * e.getValue();
    }
    return OptionalDouble.of(100.0 * (1 - down / denominator));
  }

  /** Uptime over several days, weighted by observed time (not an average of daily percentages); empty without data. */
  public static OptionalDouble uptimePercent(java.util.Collection<DailyStatus> days, UptimeWeights weights) {
    Map<ComponentStatus, Long> sum = new EnumMap<>(ComponentStatus.class);
    for (DailyStatus d : days) {
      d.millis.forEach((s, ms) -> sum.merge(s, ms, Long::sum));
    }
    return new DailyStatus("all", LocalDate.EPOCH, sum).uptimePercent(weights);
  }

  /**
   * The worst status seen that day (the colour of its bar): the worst outage status with any time, else under
   * maintenance if there was any, else operational (also for a day with no data; see {@link #observedMillis}).
   */
  public ComponentStatus worst() {
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    for (ComponentStatus s : millis.keySet()) {
      if (s.worseThan(worst)) {
        worst = s;
      }
    }
    if (worst == ComponentStatus.OPERATIONAL && millis(ComponentStatus.UNDER_MAINTENANCE) > 0) {
      return ComponentStatus.UNDER_MAINTENANCE;
    }
    return worst;
  }

  /** This day with {@code ms} more in {@code s}. */
  DailyStatus plus(ComponentStatus s, long ms) {
    EnumMap<ComponentStatus, Long> m = new EnumMap<>(ComponentStatus.class);
    m.putAll(millis);
    m.merge(s, ms, Long::sum);
    return new DailyStatus(componentId, day, m);
  }
}
