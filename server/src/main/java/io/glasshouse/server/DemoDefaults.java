package io.glasshouse.server;

import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.demo.DemoBackfill;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code --demo} adds to the configuration when the file does not say otherwise: the demo fleet's
 * capacity indicators ({@code demo-capacity.yaml}), a random staff token (logged at start, so the staff report
 * opens with one click), and late and past windows wide enough for the history the demo backfills through the
 * ingest path.
 */
final class DemoDefaults {
  /** Request history the demo backfills at start (gauges: {@link DemoBackfill.Options#defaults()}' 21 days). */
  static final java.time.Duration HISTORY = java.time.Duration.ofDays(DemoBackfill.Options.DEMO_REQUEST_DAYS);
  /** Past and late windows that admit it, with a day to spare. */
  static final String HISTORY_WINDOW = (DemoBackfill.Options.DEMO_REQUEST_DAYS + 1) + "d";

  private DemoDefaults() {
  }

  static void apply(GlasshouseConfig config) {
    if (!config.has("capacity")) {
      try (InputStream in = DemoDefaults.class.getResourceAsStream("/demo-capacity.yaml")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Yaml().load(in);
        JsonObject capacity = new JsonObject(doc).getJsonObject("capacity");
        capacity.forEach(e -> config.override("capacity", e.getKey(), e.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!config.section("server").containsKey("staff-tokens")) {
      byte[] b = new byte[12];
      new java.security.SecureRandom().nextBytes(b);
      config.override("server", "staff-tokens", new io.vertx.core.json.JsonArray().add(
          java.util.HexFormat.of().formatHex(b)));
    }
    if (!config.section("collector").containsKey("past-window")) {
      config.override("collector", "past-window", HISTORY_WINDOW);
    }
    if (!config.section("rollup").containsKey("late-window")) {
      config.override("rollup", "late-window", HISTORY_WINDOW);
    }
  }
}
