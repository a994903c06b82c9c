package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.query.QueryLimits;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the engine merges instances into service rollups. Keys in the configuration file sit under
 * {@code rollup:} and are spelled as in {@link #fromJson}.
 *
 * @param instanceLabels labels that identify an instance and are merged away in service rollups
 * @param dropLabels labels removed from rollup series altogether (cardinality control)
 * @param maxSeriesPerService rollup series a service may have; samples of further series are refused
 * @param lateWindow how old a sample may be and still land in its own minute
 * @param staleAfter an instance not heard from for this long is stale (not live)
 * @param newSeriesGrace after the store's first start, how long a cumulative series first seen without a start
 *     time is taken as a baseline (its value predates Glasshouse) rather than as new events
 * @param checkpointInterval how often in-memory changes are written to the store and the journal trimmed
 * @param queueCapacity samples waiting for the writer before ingest answers 503
 * @param retention how long minute rollups are kept
 * @param instanceRetention how long the registry remembers an instance after it was last heard from; the
 *     counter state (baseline) of its cumulative series is kept exactly as long
 * @param maxServices services the engine tracks; samples of further services are refused ({@code service_limit})
 * @param maxInstancesPerService instances one service's registry may hold, live or gone within the instance
 *     retention; samples of further instances are refused ({@code instance_limit})
 * @param maxTotalSeries rollup series plus per-instance series over all services; samples that would create
 *     more are refused ({@code total_series_limit})
 */
public record RollupConfig(Set<String> instanceLabels, Set<String> dropLabels, int maxSeriesPerService,
    Duration lateWindow, Duration staleAfter, Duration newSeriesGrace, Duration checkpointInterval, int queueCapacity,
    Duration retention, Duration instanceRetention, int maxServices, int maxInstancesPerService,
    int maxTotalSeries) {
  private static final Set<String> KEYS = Set.of("instance-labels", "drop-labels", "max-series-per-service",
      "late-window", "stale-after", "new-series-grace", "checkpoint-interval", "queue-capacity", "retention",
      "instance-retention", "max-services", "max-instances-per-service", "max-total-series");
  /** The sub-section read by {@link io.glasshouse.rollup.instances.InstanceHealthConfig#fromJson}. */
  public static final String INSTANCES_KEY = "instances";
  static final int DEFAULT_MAX_SERVICES = 1_000;
  static final int DEFAULT_MAX_INSTANCES_PER_SERVICE = 10_000;
  static final int DEFAULT_MAX_TOTAL_SERIES = 1_000_000;

  /** The configuration with the cardinality limits at their defaults. */
  public RollupConfig(Set<String> instanceLabels, Set<String> dropLabels, int maxSeriesPerService,
      Duration lateWindow, Duration staleAfter, Duration newSeriesGrace, Duration checkpointInterval,
      int queueCapacity, Duration retention, Duration instanceRetention) {
    this(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace, checkpointInterval,
        queueCapacity, retention, instanceRetention, DEFAULT_MAX_SERVICES, DEFAULT_MAX_INSTANCES_PER_SERVICE,
        DEFAULT_MAX_TOTAL_SERIES);
  }

  public static RollupConfig defaults() {
    return new RollupConfig(Set.of("instance", "pod", "host", "host_name"), Set.of(), 10_000, Duration.ofHours(1),
        Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(10), 4_000_000, Duration.ofDays(90),
        Duration.ofDays(7));
  }

  /** This configuration with other cardinality limits. */
  public RollupConfig withLimits(int services, int instancesPerService, int totalSeries) {
    return new RollupConfig(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace,
        checkpointInterval, queueCapacity, retention, instanceRetention, services, instancesPerService, totalSeries);
  }

  /** This configuration with another retention of minute rollups and of the instance registry. */
  public RollupConfig withRetention(Duration minutes, Duration instances) {
    return new RollupConfig(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace,
        checkpointInterval, queueCapacity, minutes, instances, maxServices, maxInstancesPerService, maxTotalSeries);
  }

  /** Reads the {@code rollup} section; missing keys keep their defaults. Throws naming the bad or unknown key. */
  public static RollupConfig fromJson(JsonObject json) {
    RollupConfig d = defaults();
    if (json == null) {
      return d;
    }
    for (String k : json.fieldNames()) {
      // query limits: read by QueryLimits.fromJson; instances: by InstanceHealthConfig.fromJson
      if (!KEYS.contains(k) && !QueryLimits.KEYS.contains(k) && !k.equals(INSTANCES_KEY)) {
        TreeSet<String> known = new TreeSet<>(KEYS);
        known.addAll(QueryLimits.KEYS);
        known.add(INSTANCES_KEY);
        throw new IllegalArgumentException("unknown key rollup." + k + "; known keys: " + known);
      }
    }
    RollupConfig c = new RollupConfig(
        strings(json, "instance-labels", d.instanceLabels),
        strings(json, "drop-labels", d.dropLabels),
        ConfigValues.integer(json, "rollup.max-series-per-service", "max-series-per-service", d.maxSeriesPerService),
        ConfigValues.duration(json, "rollup.late-window", "late-window", d.lateWindow),
        ConfigValues.duration(json, "rollup.stale-after", "stale-after", d.staleAfter),
        ConfigValues.duration(json, "rollup.new-series-grace", "new-series-grace", d.newSeriesGrace),
        ConfigValues.duration(json, "rollup.checkpoint-interval", "checkpoint-interval", d.checkpointInterval),
        ConfigValues.integer(json, "rollup.queue-capacity", "queue-capacity", d.queueCapacity),
        ConfigValues.duration(json, "rollup.retention", "retention", d.retention),
        ConfigValues.duration(json, "rollup.instance-retention", "instance-retention", d.instanceRetention),
        ConfigValues.integer(json, "rollup.max-services", "max-services", d.maxServices),
        ConfigValues.integer(json, "rollup.max-instances-per-service", "max-instances-per-service",
            d.maxInstancesPerService),
        ConfigValues.integer(json, "rollup.max-total-series", "max-total-series", d.maxTotalSeries));
    c.validate();
    return c;
  }

  private static Set<String> strings(JsonObject json, String key, Set<String> dflt) {
    Object v = json.getValue(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof JsonArray a)) {
      throw new IllegalArgumentException("rollup." + key + " must be a list of label names, got: " + v);
    }
    Set<String> out = new LinkedHashSet<>();
    for (Object o : a) {
      out.add(String.valueOf(o));
    }
    return Set.copyOf(out);
  }

  /** Throws {@link IllegalArgumentException} naming the first bad key. */
  public void validate() {
    if (maxSeriesPerService < 1) {
      throw new IllegalArgumentException("rollup.max-series-per-service must be at least 1, got " + maxSeriesPerService);
    }
    atLeastOne("rollup.max-services", maxServices);
    atLeastOne("rollup.max-instances-per-service", maxInstancesPerService);
    atLeastOne("rollup.max-total-series", maxTotalSeries);
    if (queueCapacity < 1000) {
      throw new IllegalArgumentException("rollup.queue-capacity must be at least 1000 samples, got " + queueCapacity);
    }
    positive("rollup.late-window", lateWindow);
    positive("rollup.stale-after", staleAfter);
    positive("rollup.checkpoint-interval", checkpointInterval);
    positive("rollup.retention", retention);
    positive("rollup.instance-retention", instanceRetention);
    if (newSeriesGrace.isNegative()) {
      throw new IllegalArgumentException("rollup.new-series-grace must not be negative, got " + newSeriesGrace);
    }
    if (instanceLabels.contains("service")) {
      throw new IllegalArgumentException("rollup.instance-labels must not contain 'service': rollups are per service");
    }
  }

  private static void atLeastOne(String key, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(key + " must be at least 1, got " + n);
    }
  }

  private static void positive(String key, Duration d) {
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration such as 30s, 5m or 1h, got " + d);
    }
  }
}
