package io.glasshouse.server.config;

import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.slo.SloKind;
import io.glasshouse.rollup.status.ComponentDefinitionKind;

/**
 * How many objects of each kind may exist, file and config API together: {@code slo.max-slos} (default
 * {@value SloSettings#DEFAULT_MAX_SLOS}) and {@code components.max-components} (default
 * {@value #DEFAULT_MAX_COMPONENTS}). A create past a limit is refused (409 problem+json {@code config-limit}
 * naming the setting); a file defining more than its limit stops start-up naming the key.
 */
public record ConfigLimits(int maxSlos, int maxComponents) {
  /** Default of {@code components.max-components}. */
  public static final int DEFAULT_MAX_COMPONENTS = 1_000;

  /** Reads {@code components.max-components}; {@code maxSlos} comes from {@link SloSettings}. */
  public static ConfigLimits of(GlasshouseConfig config, SloSettings slos) {
    return new ConfigLimits(slos.maxSlos(), ConfigValues.count(config.section("components"),
        "components.max-components", "max-components", DEFAULT_MAX_COMPONENTS));
  }

  /** Applies the limits to the registry's kinds (after they are registered). */
  public void apply(ConfigRegistry registry) {
    registry.limit(SloKind.INSTANCE.name(), maxSlos, "slo.max-slos");
    registry.limit(ComponentDefinitionKind.INSTANCE.name(), maxComponents, "components.max-components");
  }
}
