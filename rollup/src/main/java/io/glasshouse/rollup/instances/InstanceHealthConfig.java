package io.glasshouse.rollup.instances;

import io.glasshouse.rollup.config.ConfigValues;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How per-instance figures are kept and outliers found: the {@code rollup.instances} section of the
 * configuration (see the rollup README, "Instances and outliers").
 *
 * @param windows the windows figures are given for, shortest first (each a whole number of minutes, at most
 *     {@link InstanceRing#MINUTES})
 * @param window the window outliers are judged on (one of {@code windows})
 * @param minRequests requests an instance needs in {@code window} to be judged or to count as a peer
 * @param minPeers instances with enough traffic (the judged one included) a service needs before any is judged
 * @param threshold robust z-score ({@code (value - median) / (1.4826 × MAD)}) above which an instance deviates
 * @param minErrorRatioDifference how far above the peers' median error ratio an instance must be (absolute)
 * @param minLatencyRatio how many times the peers' median latency an instance must reach
 * @param minLatencyDifference how far above the peers' median latency an instance must be, in seconds
 * @param latencyQuantile the latency quantile compared between instances
 * @param deviationFor how long an instance must deviate before it is flagged an outlier
 * @param refresh how often figures and flags are recomputed
 * @param settle how long after a minute ends before it counts in the windows (late pushes of the minute arrive)
 * @param signals the signals of every service without its own
 * @param services signals per service
 */
public record InstanceHealthConfig(List<Duration> windows, Duration window, int minRequests, int minPeers,
    double threshold, double minErrorRatioDifference, double minLatencyRatio, double minLatencyDifference,
    double latencyQuantile, Duration deviationFor, Duration refresh, Duration settle, Signals signals,
    Map<String, Signals> services) {
  private static final Set<String> KEYS = Set.of("windows", "window", "min-requests", "min-peers", "threshold",
      "min-error-ratio-difference", "min-latency-ratio", "min-latency-difference", "latency-quantile", "for",
      "refresh", "settle", "requests", "errors", "latency", "services");
  private static final Set<String> SIGNAL_KEYS = Set.of("requests", "errors", "latency");

  public InstanceHealthConfig {
    windows = List.copyOf(windows);
    services = Map.copyOf(services);
  }

  /** 5 and 15 minute figures; judged on 5 minutes with at least 100 requests and 3 instances; 3.5, 1 point, 1.5×. */
  public static InstanceHealthConfig defaults() {
    return new InstanceHealthConfig(List.of(Duration.ofMinutes(5), Duration.ofMinutes(15)), Duration.ofMinutes(5),
        100, 3, 3.5, 0.01, 1.5, 0.005, 0.9, Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofSeconds(20),
        Signals.defaults(), Map.of());
  }

  /** The signals of {@code service}. */
  public Signals signals(String service) {
    return services.getOrDefault(service, signals);
  }

  /** Reads {@code rollup.instances}; missing keys keep their defaults. Throws naming the bad or unknown key. */
  public static InstanceHealthConfig fromJson(JsonObject json) {
    InstanceHealthConfig d = defaults();
    if (json == null) {
      return d;
    }
    unknown(json, KEYS, "rollup.instances");
    List<Duration> windows = d.windows;
    if (json.getValue("windows") != null) {
      windows = new ArrayList<>();
      for (String s : strings(json, "windows", "rollup.instances.windows")) {
        windows.add(ConfigValues.duration(new JsonObject().put("w", s), "rollup.instances.windows", "w", null));
      }
      windows.sort(null);
    }
    Signals defaults = signals(json, "rollup.instances", d.signals);
    Map<String, Signals> services = new HashMap<>();
    JsonObject per = json.getJsonObject("services");
    if (per != null) {
      for (String name : per.fieldNames()) {
        Object v = per.getValue(name);
        if (!(v instanceof JsonObject o)) {
          throw new IllegalArgumentException("rollup.instances.services." + name
              + " must be an object with requests, errors and latency");
        }
        unknown(o, SIGNAL_KEYS, "rollup.instances.services." + name);
        services.put(name, signals(o, "rollup.instances.services." + name, defaults));
      }
    }
    InstanceHealthConfig c = new InstanceHealthConfig(windows,
        ConfigValues.duration(json, "rollup.instances.window", "window", d.window),
        ConfigValues.integer(json, "rollup.instances.min-requests", "min-requests", d.minRequests),
        ConfigValues.integer(json, "rollup.instances.min-peers", "min-peers", d.minPeers),
        number(json, "threshold", d.threshold),
        number(json, "min-error-ratio-difference", d.minErrorRatioDifference),
        number(json, "min-latency-ratio", d.minLatencyRatio),
        json.getValue("min-latency-difference") == null ? d.minLatencyDifference
            : ConfigValues.duration(json, "rollup.instances.min-latency-difference", "min-latency-difference", null)
                .toNanos() / 1e9,
        number(json, "latency-quantile", d.latencyQuantile),
        ConfigValues.duration(json, "rollup.instances.for", "for", d.deviationFor),
        ConfigValues.duration(json, "rollup.instances.refresh", "refresh", d.refresh),
        ConfigValues.duration(json, "rollup.instances.settle", "settle", d.settle),
        defaults, services);
    c.validate();
    return c;
  }

  /** Throws {@link IllegalArgumentException} naming the first bad key. */
  public void validate() {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("rollup.instances.windows must name at least one window, such as [5m, 15m]");
    }
    for (Duration w : windows) {
      long m = w.toMinutes();
      if (w.toMillis() % 60_000 != 0 || m < 1 || m > InstanceRing.MINUTES) {
        throw new IllegalArgumentException("rollup.instances.windows: each window must be whole minutes from 1m to "
            + InstanceRing.MINUTES + "m, got " + w);
      }
    }
    if (!windows.contains(window)) {
      throw new IllegalArgumentException("rollup.instances.window must be one of rollup.instances.windows " + windows
          + ", got " + window);
    }
    if (minRequests < 1) {
      throw new IllegalArgumentException("rollup.instances.min-requests must be at least 1, got " + minRequests);
    }
    if (minPeers < 3) {
      throw new IllegalArgumentException("rollup.instances.min-peers must be at least 3 (a median and a spread need "
          + "three), got " + minPeers);
    }
    if (!(threshold > 0)) {
      throw new IllegalArgumentException("rollup.instances.threshold must be positive, got " + threshold);
    }
    if (!(minErrorRatioDifference >= 0 && minErrorRatioDifference <= 1)) {
      throw new IllegalArgumentException("rollup.instances.min-error-ratio-difference must be between 0 and 1, got "
          + minErrorRatioDifference);
    }
    if (!(minLatencyRatio >= 1)) {
      throw new IllegalArgumentException("rollup.instances.min-latency-ratio must be at least 1, got "
          + minLatencyRatio);
    }
    if (!(minLatencyDifference >= 0)) {
      throw new IllegalArgumentException("rollup.instances.min-latency-difference must not be negative");
    }
    if (!(latencyQuantile > 0 && latencyQuantile < 1)) {
      throw new IllegalArgumentException("rollup.instances.latency-quantile must be between 0 and 1 (exclusive), got "
          + latencyQuantile);
    }
    if (deviationFor.isNegative()) {
      throw new IllegalArgumentException("rollup.instances.for must not be negative, got " + deviationFor);
    }
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("rollup.instances.refresh must be at least 1s, got " + refresh);
    }
    if (settle.isNegative() || settle.compareTo(Duration.ofMinutes(1)) >= 0) {
      throw new IllegalArgumentException("rollup.instances.settle must be from 0s to under 1m, got " + settle);
    }
  }

  private static Signals signals(JsonObject o, String key, Signals dflt) {
    List<String> requests = o.getValue("requests") == null ? dflt.requests()
        : strings(o, "requests", key + ".requests");
    List<String> latency = o.getValue("latency") == null ? dflt.latency() : strings(o, "latency", key + ".latency");
    var errors = o.getValue("errors") == null ? dflt.errors()
        : Signals.parse(strings(o, "errors", key + ".errors"), key + ".errors");
    return new Signals(requests, errors, latency);
  }

  private static List<String> strings(JsonObject o, String k, String fullKey) {
    Object v = o.getValue(k);
    List<String> out = new ArrayList<>();
    if (v instanceof String s) {
      out.add(s);
    } else if (v instanceof JsonArray a) {
      a.forEach(x -> out.add(String.valueOf(x)));
    } else {
      throw new IllegalArgumentException(fullKey + " must be a string or a list of strings, got: " + v);
    }
    return out;
  }

  private static double number(JsonObject json, String key, double dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(v).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rollup.instances." + key + " must be a number, got: " + v);
    }
  }

  private static void unknown(JsonObject json, Set<String> keys, String prefix) {
    for (String k : json.fieldNames()) {
      if (!keys.contains(k)) {
        throw new IllegalArgumentException("unknown key " + prefix + "." + k + "; known keys: " + new TreeSet<>(keys));
      }
    }
  }
}
