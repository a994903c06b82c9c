package io.glasshouse.server.config;

import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.slo.SloKind;
import io.glasshouse.rollup.status.ComponentDefinitionKind;
import io.vertx.core.json.JsonObject;

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
    JsonObject c = config.section("components");
    Object v = c.getValue("max-components");
    int max = DEFAULT_MAX_COMPONENTS;
    if (v != null) {
      long n;
      try {
        n = v instanceof Number num && num.doubleValue() == num.longValue() ? num.longValue()
            : Long.parseLong(v.toString().trim());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("components.max-components must be a whole number from 1 to "
            + Integer.MAX_VALUE + ", got " + v);
      }
      max = (int) n;
    }
    return new ConfigLimits(slos.maxSlos(), max);
  }

  /** Applies the limits to the registry's kinds (after they are registered). */
  public void apply(ConfigRegistry registry) {
    registry.limit(SloKind.INSTANCE.name(), maxSlos, "slo.max-slos");
    registry.limit(ComponentDefinitionKind.INSTANCE.name(), maxComponents, "components.max-components");
  }
}
