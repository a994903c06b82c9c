package io.glasshouse.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code --demo} adds to the configuration when the file does not say otherwise: the demo fleet's
 * capacity indicators ({@code demo-capacity.yaml}), its SLOs ({@code demo-slos.yaml}), its components
 * ({@code demo-components.yaml}, for the default fleet of checkout, search and accounts), a loopback-only
 * listener ({@code server.host: 127.0.0.1}, where the read API is open), a random staff token (logged at start,
 * so the staff report opens with one click), and late and past windows wide enough for the history the demo backfills through the
 * ingest path. The launcher passes its configuration as a {@link Target}; this module does not depend on it.
 */
public final class DemoDefaults {
  /** Request history the demo backfills at start (gauges: {@link DemoBackfill.Options#defaults()}' 21 days). */
  public static final java.time.Duration HISTORY = java.time.Duration.ofDays(DemoBackfill.Options.DEMO_REQUEST_DAYS);
  /** Past and late windows that admit it, with a day to spare. */
  public static final String HISTORY_WINDOW = (DemoBackfill.Options.DEMO_REQUEST_DAYS + 1) + "d";

  private DemoDefaults() {
  }

  /** The launcher's configuration as the defaults read and write it (sections of keys, and list sections). */
  public interface Target {
    /** Whether the section is present at all. */
    boolean has(String section);

    /** A section, empty when absent (a copy: write through {@link #override}). */
    JsonObject section(String name);

    /** Sets {@code section.key}. */
    void override(String section, String key, Object value);

    /** Replaces a list section ({@code slos}). */
    void setList(String name, JsonArray list);
  }

  /** Applies the defaults; returns the staff token generated here (null when the file set staff tokens). */
  public static String apply(Target config) {
    String generated = null;
    if (!config.section("server").containsKey("host")) {
      // a demo is for this machine: listen on loopback only, where its read API is open (AccessSettings)
      config.override("server", "host", "127.0.0.1");
    }
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
    if (!config.has("slos")) {
      try (InputStream in = DemoDefaults.class.getResourceAsStream("/demo-slos.yaml")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Yaml().load(in);
        config.setList("slos", new JsonObject(doc).getJsonArray("slos"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!config.section("components").containsKey("items") && !config.section("demo").containsKey("services")) {
      // the default fleet's components (public and one private, in groups), so the status page has content
      try (InputStream in = DemoDefaults.class.getResourceAsStream("/demo-components.yaml")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) new Yaml().load(in);
        config.override("components", "items", new JsonObject(doc).getJsonArray("items"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!config.section("server").containsKey("staff-tokens")) {
      byte[] b = new byte[12];
      new java.security.SecureRandom().nextBytes(b);
      generated = java.util.HexFormat.of().formatHex(b);
      config.override("server", "staff-tokens", new JsonArray().add(generated));
    }
    if (!config.section("collector").containsKey("past-window")) {
      config.override("collector", "past-window", HISTORY_WINDOW);
    }
    if (!config.section("rollup").containsKey("late-window")) {
      config.override("rollup", "late-window", HISTORY_WINDOW);
    }
    return generated;
  }
}
