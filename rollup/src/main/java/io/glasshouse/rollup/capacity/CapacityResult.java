package io.glasshouse.rollup.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one refresh: a snapshot per configured indicator, in configuration order. Immutable.
 *
 * @param computedAt the planner clock's time when the refresh started
 * @param took how long the refresh took by that clock
 */
public record CapacityResult(Instant computedAt, Duration took, List<CapacitySnapshot> indicators) {
  public CapacityResult {
    indicators = List.copyOf(indicators);
  }

  /** The snapshot of the indicator called {@code name}. */
  public Optional<CapacitySnapshot> indicator(String name) {
    return indicators.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The snapshots ordered by upper-95 time to exhaustion, soonest first ({@link CapacitySnapshot#BY_EXHAUSTION}). */
  public List<CapacitySnapshot> byExhaustion() {
    return indicators.stream().sorted(CapacitySnapshot.BY_EXHAUSTION).toList();
  }
}
