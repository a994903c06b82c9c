package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.series.Resolution;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
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
 * @param retention how long minute rollups are kept ({@code rollup.retention.minutes}, or {@code rollup.retention}
 *     given as one duration)
 * @param instanceRetention how long the registry remembers an instance after it was last heard from; the
 *     counter state (baseline) of its cumulative series is kept exactly as long
 * @param maxServices services the engine tracks; samples of further services are refused ({@code service_limit})
 * @param maxInstancesPerService instances one service's registry may hold, live or gone within the instance
 *     retention; samples of further instances are refused ({@code instance_limit})
 * @param maxTotalSeries rollup series plus per-instance series over all services; samples that would create
 *     more are refused ({@code total_series_limit})
 * @param hourRetention how long hour rollups are kept ({@code rollup.retention.hours}); at least {@code retention}
 * @param dayRetention how long day rollups are kept ({@code rollup.retention.days}); at least {@code hourRetention};
 *     a rollup series is retired once it has no data within it (nothing left at any resolution)
 * @param versionSources metrics whose {@code version} label is an instance's version ({@code version-metrics})
 */
public record RollupConfig(Set<String> instanceLabels, Set<String> dropLabels, int maxSeriesPerService,
    Duration lateWindow, Duration staleAfter, Duration newSeriesGrace, Duration checkpointInterval, int queueCapacity,
    Duration retention, Duration instanceRetention, int maxServices, int maxInstancesPerService,
    int maxTotalSeries, Duration hourRetention, Duration dayRetention, VersionSources versionSources) {
  /** Default retention of minute cells. */
  public static final Duration MINUTES_RETENTION = Duration.ofDays(14);
  /**
   * Default retention of hour cells: 93 days, so that the longest calendar SLO window, a quarter of up to 92 days
   * and an hour in UTC (a quarter in a zone ahead of UTC starts inside a UTC day, whose day cell cannot be used),
   * is read from hour cells back to its start also after a restart (issue 9; see
   * {@link io.glasshouse.rollup.slo.HourRetention}).
   */
  public static final Duration HOURS_RETENTION = Duration.ofDays(93);
  /** Default retention of day cells: three years. */
  public static final Duration DAYS_RETENTION = Duration.ofDays(3 * 365);
  private static final Set<String> RETENTION_KEYS = Set.of("minutes", "hours", "days");
  private static final Set<String> KEYS = Set.of("instance-labels", "drop-labels", "max-series-per-service",
      "late-window", "stale-after", "new-series-grace", "checkpoint-interval", "queue-capacity", "retention",
      "instance-retention", "max-services", "max-instances-per-service", "max-total-series",
      "version-metrics");
  /** The sub-section read by {@link io.glasshouse.rollup.instances.InstanceHealthConfig#fromJson}. */
  public static final String INSTANCES_KEY = "instances";
  static final int DEFAULT_MAX_SERVICES = 1_000;
  static final int DEFAULT_MAX_INSTANCES_PER_SERVICE = 10_000;
  static final int DEFAULT_MAX_TOTAL_SERIES = 1_000_000;

  /**
   * The configuration with hour and day retention at their defaults (or at {@code retention} where that is
   * longer).
   */
  public RollupConfig(Set<String> instanceLabels, Set<String> dropLabels, int maxSeriesPerService,
      Duration lateWindow, Duration staleAfter, Duration newSeriesGrace, Duration checkpointInterval, int queueCapacity,
      Duration retention, Duration instanceRetention, int maxServices, int maxInstancesPerService,
      int maxTotalSeries) {
    this(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace, checkpointInterval,
        queueCapacity, retention, instanceRetention, maxServices, maxInstancesPerService, maxTotalSeries,
        longer(HOURS_RETENTION, retention), longer(DAYS_RETENTION, retention), VersionSources.defaults());
  }

  /** The configuration with the cardinality limits at their defaults. */
  public RollupConfig(Set<String> instanceLabels, Set<String> dropLabels, int maxSeriesPerService,
      Duration lateWindow, Duration staleAfter, Duration newSeriesGrace, Duration checkpointInterval,
      int queueCapacity, Duration retention, Duration instanceRetention) {
    this(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace, checkpointInterval,
        queueCapacity, retention, instanceRetention, DEFAULT_MAX_SERVICES, DEFAULT_MAX_INSTANCES_PER_SERVICE,
        DEFAULT_MAX_TOTAL_SERIES);
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static RollupConfig defaults() {
    return new RollupConfig(Set.of("instance", "pod", "host", "host_name"), Set.of(), 10_000, Duration.ofHours(1),
        Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofSeconds(10), 4_000_000, MINUTES_RETENTION,
        Duration.ofDays(7));
  }

  /** This configuration with other cardinality limits. */
  public RollupConfig withLimits(int services, int instancesPerService, int totalSeries) {
    return new RollupConfig(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace,
        checkpointInterval, queueCapacity, retention, instanceRetention, services, instancesPerService, totalSeries,
        hourRetention, dayRetention, versionSources);
  }

  /** This configuration with other metrics stating instances' versions. */
  public RollupConfig withVersionSources(VersionSources sources) {
    return new RollupConfig(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace,
        checkpointInterval, queueCapacity, retention, instanceRetention, maxServices, maxInstancesPerService,
        maxTotalSeries, hourRetention, dayRetention, sources);
  }

  /** This configuration with one retention for every resolution (minutes, hours, days) and for the registry. */
  public RollupConfig withRetention(Duration all, Duration instances) {
    return withRetention(all, all, all, instances);
  }

  /** This configuration with a retention per resolution and for the instance registry. */
  public RollupConfig withRetention(Duration minutes, Duration hours, Duration days, Duration instances) {
    return new RollupConfig(instanceLabels, dropLabels, maxSeriesPerService, lateWindow, staleAfter, newSeriesGrace,
        checkpointInterval, queueCapacity, minutes, instances, maxServices, maxInstancesPerService, maxTotalSeries,
        hours, days, versionSources);
  }

  /** How long cells of {@code r} are kept. */
  public Duration retention(Resolution r) {
    return switch (r) {
      case MINUTE -> retention;
      case HOUR -> hourRetention;
      case DAY -> dayRetention;
    };
  }

  /** The longest retention of any resolution: how long a series with no new data still has data. */
  public Duration longestRetention() {
    return longer(longer(retention, hourRetention), dayRetention);
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
    Duration minutes = retentionOf(json, "minutes", d.retention);
    Duration hours = retentionOf(json, "hours", longer(d.hourRetention, minutes)); // unset: at least the minutes'
    Duration days = retentionOf(json, "days", longer(d.dayRetention, hours));
    RollupConfig c = new RollupConfig(
        strings(json, "instance-labels", d.instanceLabels),
        strings(json, "drop-labels", d.dropLabels),
        ConfigValues.integer(json, "rollup.max-series-per-service", "max-series-per-service", d.maxSeriesPerService),
        ConfigValues.duration(json, "rollup.late-window", "late-window", d.lateWindow),
        ConfigValues.duration(json, "rollup.stale-after", "stale-after", d.staleAfter),
        ConfigValues.duration(json, "rollup.new-series-grace", "new-series-grace", d.newSeriesGrace),
        ConfigValues.duration(json, "rollup.checkpoint-interval", "checkpoint-interval", d.checkpointInterval),
        ConfigValues.integer(json, "rollup.queue-capacity", "queue-capacity", d.queueCapacity),
        minutes,
        ConfigValues.duration(json, "rollup.instance-retention", "instance-retention", d.instanceRetention),
        ConfigValues.integer(json, "rollup.max-services", "max-services", d.maxServices),
        ConfigValues.integer(json, "rollup.max-instances-per-service", "max-instances-per-service",
            d.maxInstancesPerService),
        ConfigValues.integer(json, "rollup.max-total-series", "max-total-series", d.maxTotalSeries),
        hours, days,
        json.getValue("version-metrics") == null ? d.versionSources
            : VersionSources.parse("rollup.version-metrics", List.copyOf(strings(json, "version-metrics", Set.of()))));
    c.validate();
    return c;
  }

  /**
   * {@code rollup.retention.<resolution>}; {@code rollup.retention} given as one duration (as before hours and
   * days existed) is the minutes' retention, the others keep their defaults.
   */
  private static Duration retentionOf(JsonObject json, String resolution, Duration dflt) {
    Object v = json.getValue("retention");
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof JsonObject r)) {
      return resolution.equals("minutes") ? ConfigValues.duration(json, "rollup.retention", "retention", dflt) : dflt;
    }
    for (String k : r.fieldNames()) {
      if (!RETENTION_KEYS.contains(k)) {
        throw new IllegalArgumentException("unknown key rollup.retention." + k + "; known keys: "
            + new TreeSet<>(RETENTION_KEYS));
      }
    }
    return ConfigValues.duration(r, "rollup.retention." + resolution, resolution, dflt);
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
    positive("rollup.retention.minutes", retention);
    positive("rollup.retention.hours", hourRetention);
    positive("rollup.retention.days", dayRetention);
    if (hourRetention.compareTo(retention) < 0) {
      throw new IllegalArgumentException("rollup.retention.hours (" + human(hourRetention) + ") must be at least "
          + "rollup.retention.minutes (" + human(retention) + "): hours are kept for history once their minutes are gone; "
          + "raise rollup.retention.hours or lower rollup.retention.minutes");
    }
    if (dayRetention.compareTo(hourRetention) < 0) {
      throw new IllegalArgumentException("rollup.retention.days (" + human(dayRetention) + ") must be at least "
          + "rollup.retention.hours (" + human(hourRetention) + "): days are kept for history once their hours are gone; "
          + "raise rollup.retention.days or lower rollup.retention.hours");
    }
    positive("rollup.instance-retention", instanceRetention);
    if (newSeriesGrace.isNegative()) {
      throw new IllegalArgumentException("rollup.new-series-grace must not be negative, got " + newSeriesGrace);
    }
    if (instanceLabels.contains("service")) {
      throw new IllegalArgumentException("rollup.instance-labels must not contain 'service': rollups are per service");
    }
  }

  /** {@code 14d}, {@code 36h}, {@code 90m}, or the ISO form for anything finer. */
  static String human(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() == 0 && s > 0) {
      if (s % 86_400 == 0) {
        return s / 86_400 + "d";
      }
      if (s % 3_600 == 0) {
        return s / 3_600 + "h";
      }
      if (s % 60 == 0) {
        return s / 60 + "m";
      }
    }
    return d.toString();
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
