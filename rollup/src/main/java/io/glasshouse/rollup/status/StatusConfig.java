package io.glasshouse.rollup.status;

import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code components:} section of the configuration: the components from the file and how their status is
 * evaluated.
 *
 * <pre>
 * components:
 *   evaluate-every: 10s        # how often statuses are evaluated (default 10s)
 *   improve-after: 10m         # a better status must hold this long before it shows (default 10m)
 *   burn-1h-5m: 14.4           # fast page threshold: both the 1h and the 5m burn rate above it (default 14.4)
 *   burn-6h-30m: 6             # slow page threshold: both the 6h and the 30m burn rate above it (default 6)
 *   liveness-grace: 5m         # after start, how long before "no live instance" may fire (default 5m)
 *   history-retention: 400d    # daily history kept (default 400d, at least 90d)
 *   uptime-weights: {major_outage: 1, partial_outage: 0.3, degraded_performance: 0}
 *   items:
 *     - id: checkout-api        # lower-case letters, digits, dashes
 *       name: Checkout API
 *       description: Placing and paying orders
 *       group: APIs
 *       position: 1
 *       public: true            # default true
 *       services: [checkout]    # no live instance of one → major outage
 *       slos: [checkout-availability, checkout-latency]
 * </pre>
 */
public record StatusConfig(Duration evaluateEvery, Duration improveAfter, double fastBurn, double slowBurn,
    Duration livenessGrace, Duration historyRetention, UptimeWeights weights, List<ComponentDefinition> components) {
  public static final Duration DEFAULT_EVALUATE_EVERY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IMPROVE_AFTER = Duration.ofMinutes(10);
  /** The SRE workbook's page thresholds for a 30-day SLO: 2% of the budget in 1 h, 5% in 6 h. */
  public static final double DEFAULT_FAST_BURN = 14.4;
  public static final double DEFAULT_SLOW_BURN = 6;
  public static final Duration DEFAULT_LIVENESS_GRACE = Duration.ofMinutes(5);
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(400);
  /** The history the status page shows. */
  public static final int HISTORY_DAYS = 90;
  private static final Set<String> KEYS = Set.of("evaluate-every", "improve-after", "burn-1h-5m", "burn-6h-30m",
      "liveness-grace", "history-retention", "uptime-weights", "items",
      "max-components" /* read by the server's config limits */);

  public StatusConfig {
    components = List.copyOf(components);
    if (evaluateEvery.isNegative() || evaluateEvery.isZero()) {
      throw new IllegalArgumentException("components.evaluate-every must be positive, got: " + evaluateEvery);
    }
    if (improveAfter.isNegative()) {
      throw new IllegalArgumentException("components.improve-after must not be negative, got: " + improveAfter);
    }
    if (!(fastBurn > 0) || !(slowBurn > 0)) {
      throw new IllegalArgumentException("components.burn-1h-5m and components.burn-6h-30m must be positive");
    }
    if (historyRetention.compareTo(Duration.ofDays(HISTORY_DAYS)) < 0) {
      throw new IllegalArgumentException("components.history-retention must be at least 90d (the status page shows "
          + "90 days), got: " + historyRetention);
    }
  }

  /** Defaults with the given components. */
  public static StatusConfig defaults(List<ComponentDefinition> components) {
    return new StatusConfig(DEFAULT_EVALUATE_EVERY, DEFAULT_IMPROVE_AFTER, DEFAULT_FAST_BURN, DEFAULT_SLOW_BURN,
        DEFAULT_LIVENESS_GRACE, DEFAULT_RETENTION, UptimeWeights.DEFAULT, components);
  }

  /** This configuration with another hysteresis delay. */
  public StatusConfig withImproveAfter(Duration d) {
    return new StatusConfig(evaluateEvery, d, fastBurn, slowBurn, livenessGrace, historyRetention, weights,
        components);
  }

  /** This configuration with other uptime weights. */
  public StatusConfig withWeights(UptimeWeights w) {
    return new StatusConfig(evaluateEvery, improveAfter, fastBurn, slowBurn, livenessGrace, historyRetention, w,
        components);
  }

  /** Reads the section; {@link IllegalArgumentException} naming the key for anything wrong. */
  public static StatusConfig fromJson(JsonObject json) {
    for (String k : json.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("components." + k + " is not a known key; expected one of "
            + new java.util.TreeSet<>(KEYS));
      }
    }
    JsonObject w = json.getValue("uptime-weights") instanceof JsonObject o ? o : new JsonObject();
    if (json.containsKey("uptime-weights") && !(json.getValue("uptime-weights") instanceof JsonObject)) {
      throw new IllegalArgumentException("components.uptime-weights must be a mapping like {major_outage: 1, "
          + "partial_outage: 0.3, degraded_performance: 0}");
    }
    for (String k : w.fieldNames()) {
      if (!Set.of("major_outage", "partial_outage", "degraded_performance").contains(k)) {
        throw new IllegalArgumentException("components.uptime-weights." + k + " is not a known key; expected "
            + "major_outage, partial_outage or degraded_performance");
      }
    }
    UptimeWeights weights = new UptimeWeights(number(w, "uptime-weights.major_outage", "major_outage", 1.0),
        number(w, "uptime-weights.partial_outage", "partial_outage", 0.3),
        number(w, "uptime-weights.degraded_performance", "degraded_performance", 0.0));
    return new StatusConfig(
        ConfigValues.duration(json, "components.evaluate-every", "evaluate-every", DEFAULT_EVALUATE_EVERY),
        ConfigValues.duration(json, "components.improve-after", "improve-after", DEFAULT_IMPROVE_AFTER),
        number(json, "burn-1h-5m", "burn-1h-5m", DEFAULT_FAST_BURN),
        number(json, "burn-6h-30m", "burn-6h-30m", DEFAULT_SLOW_BURN),
        ConfigValues.duration(json, "components.liveness-grace", "liveness-grace", DEFAULT_LIVENESS_GRACE),
        ConfigValues.duration(json, "components.history-retention", "history-retention", DEFAULT_RETENTION),
        weights, items(json.getValue("items")));
  }

  /**
   * The file's components, each read through {@link ComponentDefinitionKind} (as the config API reads them), so a bad
   * field is named the same way: {@code components.items[i].<field>}. The file's defaults differ in two fields:
   * {@code name} defaults to the id and {@code position} to the item's place in the list.
   */
  private static List<ComponentDefinition> items(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new IllegalArgumentException("components.items must be a list of components");
    }
    List<ComponentDefinition> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "components.items[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject c)) {
        throw new IllegalArgumentException(at + " must be a mapping with id, name, services, slos …");
      }
      JsonObject spec = c.copy();
      if (spec.getValue("name") == null && spec.getValue("id") instanceof String id) {
        spec.put("name", id);
      }
      if (spec.getValue("position") == null) {
        spec.put("position", i);
      }
      ComponentDefinition d;
      try {
        d = ComponentDefinitionKind.INSTANCE.fromJson(spec);
      } catch (InvalidConfigException e) {
        throw e.prefixed(at + ".");
      }
      if (!ids.add(d.id())) {
        throw InvalidConfigException.of(at + ".id", "'" + d.id() + "' is used by another component");
      }
      out.add(d);
    }
    return out;
  }

  private static double number(JsonObject json, String key, String field, double dflt) {
    Object v = json.getValue(field);
    if (v == null) {
      return dflt;
    }
    try {
      return v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("components." + key + " must be a number, got: " + v);
    }
  }
}
