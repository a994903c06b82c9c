package io.glasshouse.rollup.capacity;

import io.glasshouse.rollup.config.ConfigKind;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.glasshouse.rollup.query.QueryFunction;
import io.vertx.core.json.JsonObject;

/**
 * {@link CapacityIndicator}s as configuration objects of kind {@code capacity-indicator}, identified by
 * {@code name}, in the same shape as an entry of the configuration file's {@code capacity.indicators}:
 *
 * <pre>
 * {"name": "api-disk", "service": "api", "metric": "disk_used_bytes", "fn": "max", "match": "mount=\"/data\"",
 *  "capacity": {"absolute": 500e9}, "target-utilisation": 0.8, "unit": "bytes"}
 * </pre>
 *
 * Validation is the file's ({@link CapacityConfig}); the first field at fault is named.
 */
public final class CapacityIndicatorKind implements ConfigKind<CapacityIndicator> {
  /** The one instance. */
  public static final CapacityIndicatorKind INSTANCE = new CapacityIndicatorKind();
  private static final String KEY = "indicator";

  private CapacityIndicatorKind() {
  }

  @Override
  public String name() {
    return "capacity-indicator";
  }

  @Override
  public String idField() {
    return "name";
  }

  @Override
  public CapacityIndicator fromJson(JsonObject json) {
    try {
      return CapacityConfig.indicator(json == null ? new JsonObject() : json, KEY);
    } catch (InvalidConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      if (!m.startsWith(KEY + ".")) {
        throw InvalidConfigException.of("", m);
      }
      String rest = m.substring(KEY.length() + 1);
      int end = 0;
      while (end < rest.length() && rest.charAt(end) != ' ' && rest.charAt(end) != ':') {
        end++;
      }
      throw InvalidConfigException.of(rest.substring(0, end), rest);
    }
  }

  @Override
  public JsonObject toJson(CapacityIndicator i) {
    JsonObject o = new JsonObject().put("name", i.name()).put("service", i.service()).put("metric", i.metric())
        .put("fn", i.fn());
    if (i.aggregation().function() == QueryFunction.QUANTILE && "quantile".equals(i.fn())) {
      o.put("q", i.aggregation().q());
    }
    if (i.aggregation().function() == QueryFunction.FRACTION_LE) {
      o.put("threshold", i.aggregation().thresholdSeconds());
    }
    if (!i.match().isBlank()) {
      o.put("match", i.match());
    }
    o.put("capacity", new JsonObject().put(i.capacity().kind().key(), i.capacity().amount()));
    o.put("target-utilisation", i.targetUtilisation());
    i.unit().ifPresent(u -> o.put("unit", u));
    return o;
  }

  @Override
  public String id(CapacityIndicator value) {
    return value.name();
  }
}
