package io.glasshouse.server.config;

import io.glasshouse.rollup.config.ConfigValues;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloDefinitionException;
import io.glasshouse.rollup.slo.SloJsonCodec;
import io.glasshouse.rollup.slo.SloReports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The config file's SLOs: the {@code slos:} list (each entry in {@link SloJsonCodec}'s shape) and the {@code slo:}
 * settings ({@code refresh}, default 10s; {@code forecast-refresh}, default 15m; {@code max-slos}, how many SLOs
 * may be defined, file and config API together, default {@value #DEFAULT_MAX_SLOS}; {@code cache-values}, the
 * bound of the cache of settled counts, default {@link DownsampledSliCounts#DEFAULT_MAX_CACHED_VALUES}). Errors
 * name the entry and field, e.g. {@code slos[2].sli.ratio.good: …}.
 */
public record SloSettings(List<SloDefinition> definitions, Duration refresh, Duration forecastRefresh, int maxSlos,
    long cacheValues) {
  /** Default of {@code slo.max-slos}. */
  public static final int DEFAULT_MAX_SLOS = 10_000;
  private static final Set<String> KEYS = Set.of("refresh", "forecast-refresh", "max-slos", "cache-values");

  public SloSettings {
    definitions = List.copyOf(definitions);
  }

  /** Reads and validates both sections; throws {@link IllegalArgumentException} naming the key. */
  public static SloSettings fromConfig(GlasshouseConfig config) {
    JsonObject s = config.section("slo");
    for (String k : s.fieldNames()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException("slo." + k + " is not a known key; known keys: " + KEYS);
      }
    }
    Duration refresh = ConfigValues.duration(s, "slo.refresh", "refresh", SloReports.DEFAULT_REFRESH);
    Duration forecast = ConfigValues.duration(s, "slo.forecast-refresh", "forecast-refresh",
        SloReports.DEFAULT_FORECAST_REFRESH);
    if (refresh.toMillis() < 1000) {
      throw new IllegalArgumentException("slo.refresh must be at least 1s, got " + refresh);
    }
    int maxSlos = ConfigValues.count(s, "slo.max-slos", "max-slos", DEFAULT_MAX_SLOS);
    long cacheValues = ConfigValues.count(s, "slo.cache-values", "cache-values",
        (int) Math.min(Integer.MAX_VALUE, DownsampledSliCounts.DEFAULT_MAX_CACHED_VALUES));
    JsonArray list = config.list("slos");
    SloJsonCodec codec = new SloJsonCodec();
    List<SloDefinition> defs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      Object v = list.getValue(i);
      if (!(v instanceof JsonObject j)) {
        throw new IllegalArgumentException("slos[" + i + "] must be a mapping (name, service, sli, target, window)");
      }
      SloDefinition d;
      try {
        d = codec.fromJson(j);
      } catch (SloDefinitionException e) {
        throw e.under("slos[" + i + "]");
      }
      if (!names.add(d.name())) {
        throw new SloDefinitionException("slos[" + i + "].name", "SLO name '" + d.name() + "' is used twice; "
            + "names must be unique");
      }
      defs.add(d);
    }
    if (defs.size() > maxSlos) {
      throw new IllegalArgumentException("slos: the file defines " + defs.size() + " SLOs, more than slo.max-slos ("
          + maxSlos + "); raise slo.max-slos or remove some");
    }
    return new SloSettings(defs, refresh, forecast, maxSlos, cacheValues);
  }
}
