package io.glasshouse.collector.scrape;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of one mapping of the {@code scrape:} configuration, each failure one line naming the full path of
 * the field ({@code scrape.scrape_configs[0].scrape_interval}) and what it allows.
 */
final class Fields {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  final String path;
  private final Map<String, Object> map;

  private Fields(String path, Map<String, Object> map) {
    this.path = path;
    this.map = map;
  }

  /** The mapping at {@code path}; fails when {@code value} is not one. */
  static Fields of(String path, Object value) {
    if (value instanceof JsonObject o) {
      return new Fields(path, o.getMap());
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), v));
      return new Fields(path, copy);
    }
    throw new IllegalArgumentException(path + " must be a mapping of fields to values, got " + shown(value));
  }

  /** Refuses any field outside {@code supported}, naming it and the supported ones. */
  Fields only(Set<String> supported) {
    for (String k : map.keySet()) {
      if (!supported.contains(k)) {
        throw new IllegalArgumentException(path + "." + k + " is not supported (" + (path.startsWith("scrape")
            ? "Glasshouse's scraper takes only " : "supported: ") + String.join(", ", new TreeSet<>(supported))
            + ")");
      }
    }
    return this;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  Object raw(String key) {
    return map.get(key);
  }

  String string(String key, String dflt) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Map || v instanceof JsonObject || v instanceof Collection || v instanceof JsonArray) {
      throw bad(key, v, "a string");
    }
    return String.valueOf(v);
  }

  String required(String key) {
    String s = string(key, null);
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException(path + "." + key + " is required");
    }
    return s;
  }

  boolean bool(String key, boolean dflt) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw bad(key, v, "true or false");
  }

  Duration duration(String key, Duration dflt) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    Duration d;
    try {
      d = v instanceof Number n ? Duration.ofMillis(Math.round(n.doubleValue() * 1000))
          : io.glasshouse.rollup.config.ConfigValues.parseDuration(String.valueOf(v).trim());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw bad(key, v, "a duration such as 15s, 1m, 1h30m or 500ms");
    }
    if (d.isNegative() || d.isZero()) {
      throw bad(key, v, "a duration above zero");
    }
    return d;
  }

  /** A size; as in Prometheus's {@code body_size_limit}, KB/MB/GB are powers of 1024. 0 means no limit. */
  long size(String key, long dflt) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue() && n.longValue() >= 0) {
      return n.longValue();
    }
    Matcher m = SIZE.matcher(String.valueOf(v).trim());
    if (!m.matches()) {
      throw bad(key, v, "a size such as 10MB, 512KiB or a number of bytes (0: no limit)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return n * switch (unit) {
      case "kb", "kib" -> 1L << 10;
      case "mb", "mib" -> 1L << 20;
      case "gb", "gib" -> 1L << 30;
      default -> 1L;
    };
  }

  int integer(String key, int dflt, int min) {
    Object v = map.get(key);
    if (v == null) {
      return dflt;
    }
    int n;
    if (v instanceof Number num && num.intValue() == num.doubleValue()) {
      n = num.intValue();
    } else {
      try {
        n = Integer.parseInt(String.valueOf(v).trim());
      } catch (NumberFormatException e) {
        throw bad(key, v, "a whole number");
      }
    }
    if (n < min) {
      throw bad(key, v, "a whole number of at least " + min);
    }
    return n;
  }

  /** A list of mappings; empty when absent. */
  List<Fields> list(String key) {
    List<Fields> out = new ArrayList<>();
    List<?> items = items(key);
    for (int i = 0; i < items.size(); i++) {
      out.add(of(path + "." + key + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  /** A list of strings; empty when absent. */
  List<String> strings(String key) {
    List<String> out = new ArrayList<>();
    for (Object o : items(key)) {
      if (o == null || o instanceof Map || o instanceof JsonObject || o instanceof Collection
          || o instanceof JsonArray) {
        throw bad(key, o, "a list of strings");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** A mapping of label names to string values; empty when absent. */
  Map<String, String> labels(String key) {
    Object v = map.get(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    Fields f = of(path + "." + key, v);
    f.map.forEach((name, value) -> {
      if (!LABEL_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(f.path + ": '" + name + "' is not a valid label name "
            + "([a-zA-Z_][a-zA-Z0-9_]*)");
      }
      if (value == null || value instanceof Map || value instanceof JsonObject || value instanceof Collection
          || value instanceof JsonArray) {
        throw new IllegalArgumentException(f.path + "." + name + " must be a string, got " + shown(value));
      }
      out.put(name, String.valueOf(value));
    });
    return out;
  }

  /** A mapping of names to lists of strings (Prometheus {@code params}); a single string counts as a list of one. */
  Map<String, List<String>> params(String key) {
    Object v = map.get(key);
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    Fields f = of(path + "." + key, v);
    for (String name : f.map.keySet()) {
      Object value = f.map.get(name);
      out.put(name, value instanceof Collection || value instanceof JsonArray ? f.strings(name)
          : List.of(f.string(name, "")));
    }
    return out;
  }

  private List<?> items(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof JsonArray a) {
      return a.getList();
    }
    if (v instanceof List<?> l) {
      return l;
    }
    throw bad(key, v, "a list");
  }

  IllegalArgumentException bad(String key, Object value, String allowed) {
    return new IllegalArgumentException(path + "." + key + " must be " + allowed + ", got " + shown(value));
  }

  private static String shown(Object v) {
    String s = String.valueOf(v);
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
