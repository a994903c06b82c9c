package io.glasshouse.rollup.capacity;

import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.QueryException;
import io.glasshouse.rollup.query.SelectorParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code capacity:} section of the configuration.
 *
 * <pre>
 * capacity:
 *   refresh-interval: 5m        # how often forecasts are recomputed (default 5m)
 *   history: 30d                # how much history each forecast reads (default 30d)
 *   step: 5m                    # optional; default 5m, coarser when the history would need more than 10000 points
 *   horizons: [1d]              # optional, in addition to 30m, 1h, 7d, 90d
 *   indicators:
 *     - name: api-disk
 *       service: api
 *       metric: disk_used_bytes
 *       fn: max                 # any read-API fn: avg, max, min, last, rate, increase, p99, quantile (with q) …
 *       match: 'mount="/data"'  # optional selector
 *       capacity: {absolute: 500e9}      # or {per-instance: 4} (× live instances)
 *       target-utilisation: 0.8 # 0..1, default 0.8
 *       unit: bytes             # optional, for display
 * </pre>
 *
 * @param step the query step, or empty for automatic ({@link #stepFor})
 * @param horizons the forecast horizons: {@link Forecaster#DEFAULT_HORIZONS} followed by any configured extra
 */
public record CapacityConfig(Duration refreshInterval, Duration history, Optional<Duration> step,
    List<Duration> horizons, List<CapacityIndicator> indicators) {
  public static final Duration DEFAULT_REFRESH = Duration.ofMinutes(5);
  public static final Duration DEFAULT_HISTORY = Duration.ofDays(30);
  public static final double DEFAULT_TARGET = 0.8;
  /** Automatic steps keep the history at or under this many points. */
  public static final int MAX_AUTO_POINTS = 10_000;
  private static final List<Duration> AUTO_STEPS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Set<String> TOP_KEYS = Set.of("refresh-interval", "history", "step", "horizons", "indicators");
  private static final Set<String> INDICATOR_KEYS = Set.of("name", "service", "metric", "fn", "q", "threshold",
      "match", "capacity", "target-utilisation", "unit");

  public CapacityConfig {
    step = step == null ? Optional.empty() : step;
    horizons = List.copyOf(horizons);
    indicators = List.copyOf(indicators);
  }

  /** No indicators, default interval and history. */
  public static CapacityConfig empty() {
    return new CapacityConfig(DEFAULT_REFRESH, DEFAULT_HISTORY, Optional.empty(), Forecaster.DEFAULT_HORIZONS,
        List.of());
  }

  /** This configuration with {@code indicators} instead (names must be unique; the config registry sees to it). */
  public CapacityConfig withIndicators(List<CapacityIndicator> indicators) {
    return new CapacityConfig(refreshInterval, history, step, horizons, indicators);
  }

  /** The indicator called {@code name}. */
  public Optional<CapacityIndicator> indicator(String name) {
    return indicators.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** The query step: the configured one, else the finest of 5m, 15m, 1h, 6h, 1d giving ≤ 10000 points. */
  public Duration stepFor() {
    if (step.isPresent()) {
      return step.get();
    }
    for (Duration s : AUTO_STEPS) {
      if (history.toMillis() / s.toMillis() <= MAX_AUTO_POINTS) {
        return s;
      }
    }
    return AUTO_STEPS.get(AUTO_STEPS.size() - 1);
  }

  /**
   * Reads the section (null means none: no indicators). Throws {@link IllegalArgumentException} whose message
   * starts with the full key at fault, e.g. {@code capacity.indicators[2].target-utilisation must be between 0 and
   * 1, got 1.5}.
   */
  public static CapacityConfig fromJson(JsonObject json) {
    if (json == null) {
      return empty();
    }
    unknownKeys(json, "capacity", TOP_KEYS);
    Duration refresh = ConfigValues.duration(json, "capacity.refresh-interval", "refresh-interval", DEFAULT_REFRESH);
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("capacity.refresh-interval must be at least 1s, got " + refresh);
    }
    Duration history = ConfigValues.duration(json, "capacity.history", "history", DEFAULT_HISTORY);
    if (history.compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException("capacity.history must be at least 1h, got " + history);
    }
    Optional<Duration> step = Optional.empty();
    if (json.getValue("step") != null) {
      Duration s = ConfigValues.duration(json, "capacity.step", "step", null);
      if (s.toMillis() <= 0 || s.toMillis() % 60_000 != 0) {
        throw new IllegalArgumentException("capacity.step must be a whole number of minutes (1m, 5m, 1h), got " + s);
      }
      if (history.toMillis() / s.toMillis() > 11_000) {
        throw new IllegalArgumentException("capacity.step " + s + " gives more than 11000 points over capacity.history "
            + history + "; raise the step or shorten the history");
      }
      step = Optional.of(s);
    }
    Set<Duration> horizons = new LinkedHashSet<>(Forecaster.DEFAULT_HORIZONS);
    Object hv = json.getValue("horizons");
    if (hv != null) {
      if (!(hv instanceof JsonArray arr)) {
        throw new IllegalArgumentException("capacity.horizons must be a list of durations (e.g. [1d, 14d]), got " + hv);
      }
      for (int i = 0; i < arr.size(); i++) {
        String key = "capacity.horizons[" + i + "]";
        Duration d;
        try {
          d = ConfigValues.parseDuration(String.valueOf(arr.getValue(i)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(key + " must be positive, got " + d);
        }
        horizons.add(d);
      }
    }
    List<CapacityIndicator> indicators = new ArrayList<>();
    Object iv = json.getValue("indicators");
    if (iv != null) {
      if (!(iv instanceof JsonArray arr)) {
        throw new IllegalArgumentException("capacity.indicators must be a list of indicators, got " + iv);
      }
      Set<String> names = new HashSet<>();
      for (int i = 0; i < arr.size(); i++) {
        String key = "capacity.indicators[" + i + "]";
        Object o = arr.getValue(i);
        JsonObject ind = o instanceof JsonObject j ? j : o instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
        if (ind == null) {
          throw new IllegalArgumentException(key + " must be an object with name, service, metric, fn and capacity");
        }
        CapacityIndicator c = indicator(ind, key);
        if (!names.add(c.name())) {
          throw new IllegalArgumentException(key + ".name '" + c.name() + "' is used by another indicator; names "
              + "must be unique");
        }
        indicators.add(c);
      }
    }
    return new CapacityConfig(refresh, history, step, List.copyOf(horizons), indicators);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** One indicator; errors start with {@code key} and the field, e.g. {@code key.fn: …}. */
  static CapacityIndicator indicator(JsonObject json, String key) {
    unknownKeys(json, key, INDICATOR_KEYS);
    String name = requiredString(json, key, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(key + ".name may use only letters, digits, '.', '_' and '-', got '"
          + name + "'");
    }
    String service = requiredString(json, key, "service");
    String metric = requiredString(json, key, "metric");
    String fn = requiredString(json, key, "fn");
    Aggregation aggregation;
    try {
      aggregation = Aggregation.parse(fn, optionalText(json, "q"), optionalText(json, "threshold"));
    } catch (QueryException e) {
      String param = "fn".equals(e.parameter()) ? "fn" : e.parameter();
      throw new IllegalArgumentException(key + "." + param + ": " + e.detail().replace("Parameter ", "Key "));
    }
    String match = optionalText(json, "match");
    List<LabelMatcher> matchers;
    try {
      matchers = SelectorParser.parse(match);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ".match: " + e.getMessage());
    }
    CapacityIndicator.Capacity capacity = capacity(json.getValue("capacity"), key + ".capacity");
    double target = DEFAULT_TARGET;
    Object t = json.getValue("target-utilisation");
    if (t != null) {
      target = number(t, key + ".target-utilisation");
      if (!(target > 0 && target <= 1)) {
        throw new IllegalArgumentException(key + ".target-utilisation must be between 0 and 1, got " + t);
      }
    }
    Optional<String> unit = Optional.ofNullable(optionalText(json, "unit")).filter(u -> !u.isBlank());
    return new CapacityIndicator(name, service, metric, aggregation, match == null ? "" : match, matchers, capacity,
        target, unit);
  }

  private static CapacityIndicator.Capacity capacity(Object v, String key) {
    if (v == null) {
      throw new IllegalArgumentException(key + " is required: {absolute: N} or {per-instance: N}");
    }
    JsonObject c = v instanceof JsonObject j ? j : v instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
    if (c == null || c.size() != 1 || !(c.containsKey("absolute") || c.containsKey("per-instance"))) {
      throw new IllegalArgumentException(key + " must be exactly one of {absolute: N} or {per-instance: N}, got " + v);
    }
    boolean absolute = c.containsKey("absolute");
    String sub = key + (absolute ? ".absolute" : ".per-instance");
    double amount = number(c.getValue(absolute ? "absolute" : "per-instance"), sub);
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException(sub + " must be a positive number, got " + amount);
    }
    return absolute ? CapacityIndicator.Capacity.absolute(amount) : CapacityIndicator.Capacity.perInstance(amount);
  }

  private static void unknownKeys(JsonObject json, String key, Set<String> known) {
    for (String k : json.fieldNames()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(key + "." + k + " is not a known key; known keys: "
            + String.join(", ", known.stream().sorted().toList()));
      }
    }
  }

  private static String requiredString(JsonObject json, String key, String field) {
    Object v = json.getValue(field);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new IllegalArgumentException(key + "." + field + " is required");
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(key + "." + field + " must be a string, got " + v);
    }
    return s.trim();
  }

  private static String optionalText(JsonObject json, String field) {
    Object v = json.getValue(field);
    return v == null ? null : String.valueOf(v);
  }

  private static double number(Object v, String key) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got " + v);
    }
  }
}
