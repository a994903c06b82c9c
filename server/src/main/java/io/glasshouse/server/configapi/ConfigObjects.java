package io.glasshouse.server.configapi;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityIndicatorKind;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.config.ConfigStore;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.vertx.core.Future;
import java.time.Clock;
import io.glasshouse.rollup.status.ComponentDefinition;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server's configuration objects: the config tables of the data folder's store, the registry with the kinds
 * this server knows, and who consumes them.
 *
 * <p>Kinds: {@code component} (none from the file yet) and {@code capacity-indicator} (the file's
 * {@code capacity.indicators} are its read-only file objects). More kinds and document formats (the {@code slo}
 * kind, the {@code openslo} parser) are registered by {@code more}, before the stored objects are loaded.
 */
public final class ConfigObjects {
  private final ConfigStore store;
  private final ConfigRegistry registry;

  private ConfigObjects(ConfigStore store, ConfigRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  /**
   * Opens the store's config tables, registers the kinds (with the file's capacity indicators and components as
   * read-only objects; {@code more} registers further kinds), loads what the API stored.
   */
  public static Future<ConfigObjects> open(ConfigStore store, Clock clock, CapacityConfig capacity,
      List<ComponentDefinition> components, Consumer<ConfigRegistry> more) {
    ConfigRegistry registry = new ConfigRegistry(store, clock);
    try {
      registry.register(ComponentDefinitionKind.INSTANCE, components);
      registry.register(CapacityIndicatorKind.INSTANCE, capacity.indicators());
      more.accept(registry);
    } catch (RuntimeException e) {
      return store.close().transform(ar -> Future.failedFuture(e));
    }
    return store.open().compose(v -> registry.load())
        .map(v -> new ConfigObjects(store, registry))
        .recover(e -> store.close().transform(ar -> Future.failedFuture(e)));
  }

  public ConfigRegistry registry() {
    return registry;
  }

  /** From now on, {@code planner} forecasts the live capacity indicators (file and API), changes taking effect at once. */
  public void feed(CapacityPlanner planner) {
    registry.subscribe(CapacityIndicatorKind.INSTANCE, planner::reconfigure);
  }

  public Future<Void> close() {
    return store.close();
  }
}
