package io.glasshouse.rollup.instances;

import java.time.Duration;
import java.util.List;

/**
 * The instances of one service with their recent figures and outlier flags, as of {@code computedAtMs}.
 * Immutable; the engine publishes a new one every {@code rollup.instances.refresh}.
 *
 * @param service the service
 * @param computedAtMs when it was computed, by the engine's clock
 * @param windowEndMs the end (exclusive, a minute boundary) of every window
 * @param judgedWindow the window outliers are judged on
 * @param instances every instance of the registry, sorted by id
 */
public record ServiceHealth(String service, long computedAtMs, long windowEndMs, Duration judgedWindow,
    List<InstanceHealth> instances) {

  public ServiceHealth {
    instances = List.copyOf(instances);
  }

  /** The instances flagged as outliers. */
  public List<InstanceHealth> outliers() {
    return instances.stream().filter(InstanceHealth::outlier).toList();
  }
}
