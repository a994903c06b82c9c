package io.glasshouse.alerts.rule;

import io.glasshouse.rollup.instances.ServiceHealth;
import io.vertx.core.Future;

/**
 * Where outlier rules and page texts read per-instance health: {@code rollup.instances}' last refresh
 * ({@code RollupReader::instanceHealth}). Answers null for a service that is unknown or not refreshed yet.
 */
@FunctionalInterface
public interface InstanceHealthSource {
  Future<ServiceHealth> health(String service);
}
