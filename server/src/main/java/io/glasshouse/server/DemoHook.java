package io.glasshouse.server;

import io.glasshouse.demo.DemoDefaults;
import io.glasshouse.server.config.GlasshouseConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The launcher's side of {@code --demo}: hands the configuration to the demo module's {@link DemoDefaults}
 * (the demo module does not know the launcher). {@link Glasshouse} starts the fleet itself once the server listens.
 */
final class DemoHook {
  private DemoHook() {
  }

  /** Applies {@link DemoDefaults} to {@code config}; returns the staff token generated (null when the file set some). */
  static String applyDefaults(GlasshouseConfig config) {
    return DemoDefaults.apply(new DemoDefaults.Target() {
      @Override
      public boolean has(String section) {
        return config.has(section);
      }

      @Override
      public JsonObject section(String name) {
        return config.section(name);
      }

      @Override
      public void override(String section, String key, Object value) {
        config.override(section, key, value);
      }

      @Override
      public void setList(String name, JsonArray list) {
        config.setList(name, list);
      }
    });
  }
}
