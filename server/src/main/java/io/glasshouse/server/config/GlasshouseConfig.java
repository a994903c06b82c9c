package io.glasshouse.server.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The whole configuration: one YAML file with a section per module ({@code server}, {@code collector},
      "components", "scrape", "alerts", "slo", "slos", "incidents", "status-page", "subscriptions");
 * and the list {@code slos}), then {@code GLASSHOUSE_*} environment variables, then
 * command-line flags, each overriding the one before.
 *
 * <p>An environment variable names a section and a key in upper case with underscores:
 * {@code GLASSHOUSE_SERVER_PORT=9090} sets {@code server.port}, {@code GLASSHOUSE_COLLECTOR_INGEST_TOKENS=a,b} sets
 * {@code collector.ingest-tokens} (comma-separated values become a list where the key holds a list;
 * {@code GLASSHOUSE_SERVER_TOKENS=ops:s3cret:read+admin,fleet:t0k:ingest} sets {@code server.tokens}). Each
 * section is validated by its module, which names the offending key.
 */
public final class GlasshouseConfig {
  /** Sections the file may have. */
  public static final Set<String> SECTIONS = Set.of("server", "collector", "rollup", "demo", "capacity",
      "components", "scrape", "alerts", "slo", "slos", "incidents", "status-page", "subscriptions", "staff");
  /** Sections that hold a list rather than a mapping. */
  static final Set<String> LIST_SECTIONS = Set.of("slos");
  private static final String ENV_PREFIX = "GLASSHOUSE_";
  private static final Set<String> LIST_KEYS = Set.of("ingest-tokens", "staff-tokens", "tokens", "instance-labels",
      "drop-labels", "services", "regions", "version-metrics");

  private final JsonObject root;

  private GlasshouseConfig(JsonObject root) {
    this.root = root;
  }

  /** Reads the file (or nothing), applies environment overrides, and checks section names. */
  public static GlasshouseConfig load(Path file, Map<String, String> env) {
    JsonObject root = file == null ? new JsonObject() : readYaml(file);
    applyEnv(root, env);
    for (String k : root.fieldNames()) {
      if (!SECTIONS.contains(k)) {
        throw new IllegalArgumentException("unknown configuration section '" + k + "'; expected one of "
            + new java.util.TreeSet<>(SECTIONS));
      }
      if (LIST_SECTIONS.contains(k)) {
        if (!(root.getValue(k) instanceof JsonArray)) {
          throw new IllegalArgumentException("configuration section '" + k + "' must be a list");
        }
        continue;
      }
      if (!(root.getValue(k) instanceof JsonObject)) {
        throw new IllegalArgumentException("configuration section '" + k + "' must be a mapping of keys to values");
      }
    }
    return new GlasshouseConfig(root);
  }

  private static JsonObject readYaml(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("--config: cannot read " + file);
    }
    try (Reader r = Files.newBufferedReader(file)) {
      Object doc = new Yaml().load(r);
      if (doc == null) {
        return new JsonObject();
      }
      if (!(doc instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException("--config: " + file + " must hold a mapping of sections at the top");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) m;
      return new JsonObject(map);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("--config: " + file + " is not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("--config: cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void applyEnv(JsonObject root, Map<String, String> env) {
    new TreeMap<>(env).forEach((name, value) -> {
      if (!name.startsWith(ENV_PREFIX)) {
        return;
      }
      String rest = name.substring(ENV_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
      // the longest known section whose name (dashes as underscores) starts the rest: STATUS_PAGE_NAME is
      // section status-page, key name
      String section = SECTIONS.stream().filter(sec -> rest.startsWith(sec.replace('-', '_') + "_"))
          .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
      if (section == null) {
        int us = rest.indexOf('_');
        if (us < 0) {
          throw new IllegalArgumentException("environment variable " + name
              + " must name a section and a key, like GLASSHOUSE_SERVER_PORT");
        }
        section = rest.substring(0, us); // unknown: refused below, naming the section
      }
      String key = rest.substring(section.length() + 1).replace('_', '-');
      set(root, section, key, value);
    });
  }

  /** Sets {@code section.key}, splitting comma-separated values for list keys. */
  public static void set(JsonObject root, String section, String key, Object value) {
    if (LIST_SECTIONS.contains(section)) {
      throw new IllegalArgumentException("section '" + section + "' is a list and cannot be set key by key (from "
          + "the environment or flags); define it in the configuration file");
    }
    JsonObject s = root.getJsonObject(section);
    if (s == null) {
      s = new JsonObject();
      root.put(section, s);
    }
    if (value instanceof String str && (LIST_KEYS.contains(key) || s.getValue(key) instanceof JsonArray)) {
      s.put(key, new JsonArray(List.of(str.split("\\s*,\\s*")).stream().filter(x -> !x.isEmpty()).toList()));
    } else {
      s.put(key, value);
    }
  }

  /** A section, empty when absent; a copy, so modules cannot change each other's view. */
  public JsonObject section(String name) {
    JsonObject s = root.getJsonObject(name);
    return s == null ? new JsonObject() : s.copy();
  }

  /** Replaces a list section ({@code slos}). */
  public void setList(String name, JsonArray list) {
    if (!LIST_SECTIONS.contains(name)) {
      throw new IllegalArgumentException("section '" + name + "' is not a list section");
    }
    root.put(name, list.copy());
  }

  /** A list section ({@code slos}), empty when absent; a copy. */
  public JsonArray list(String name) {
    JsonArray a = root.getJsonArray(name);
    return a == null ? new JsonArray() : a.copy();
  }

  public boolean has(String section) {
    return root.containsKey(section);
  }

  /** Applies a command-line override. */
  public void override(String section, String key, Object value) {
    set(root, section, key, value);
  }
}
