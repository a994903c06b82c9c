package io.glasshouse.rollup.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable result of one status evaluation, shared by every reader: each component's status with the rule that
 * set it, the page status (from the public components), and each component's daily history for the last
 * {@value StatusConfig#HISTORY_DAYS} UTC days, oldest first, today last (today so far).
 *
 * @param at         when it was evaluated
 * @param components in configuration order (group, then position)
 * @param page       blended from the public components (see {@link PageStatus})
 * @param history    by component id
 * @param weights    the uptime weights the history's percentages use
 */
public record StatusSnapshot(Instant at, List<ComponentState> components, PageStatus page,
    Map<String, List<DailyStatus>> history, UptimeWeights weights) {
  public StatusSnapshot {
    components = List.copyOf(components);
    history = Map.copyOf(history);
  }

  /** Before the first evaluation: no components, all operational. */
  public static StatusSnapshot empty(Instant at) {
    return new StatusSnapshot(at, List.of(), PageStatus.ALL_OPERATIONAL, Map.of(), UptimeWeights.DEFAULT);
  }

  public Optional<ComponentState> component(String id) {
    return components.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The component's days, empty when it has none. */
  public List<DailyStatus> history(String id) {
    return history.getOrDefault(id, List.of());
  }
}
