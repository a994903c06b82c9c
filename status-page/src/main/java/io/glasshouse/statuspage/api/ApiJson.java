package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.query.QueryFunction;
import io.glasshouse.rollup.query.QueryResult;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SeriesResult;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the read API (documented in openapi.yaml); times are ISO-8601 UTC strings. */
final class ApiJson {
  private ApiJson() {
  }

  static JsonObject services(List<ServiceSummary> services) {
    JsonArray out = new JsonArray();
    services.stream().sorted((a, b) -> a.service().compareTo(b.service())).forEach(s -> out.add(new JsonObject()
        .put("service", s.service())
        .put("liveInstances", s.liveInstances())
        .put("staleInstances", s.staleInstances())
        .put("seriesCount", s.seriesCount())));
    return new JsonObject().put("services", out);
  }

  static JsonObject instances(String service, List<InstanceInfo> instances) {
    JsonArray out = new JsonArray();
    instances.stream().sorted((a, b) -> a.instance().compareTo(b.instance())).forEach(i -> out.add(new JsonObject()
        .put("instance", i.instance())
        .put("firstSeen", time(i.firstSeenMs()))
        .put("lastSeen", time(i.lastSeenMs()))
        .put("live", i.live())
        .put("version", i.version())));
    return new JsonObject().put("service", service).put("instances", out);
  }

  static JsonObject metrics(String service, List<MetricInfo> metrics) {
    JsonArray out = new JsonArray();
    metrics.stream().sorted((a, b) -> a.metric().compareTo(b.metric())).forEach(m -> out.add(new JsonObject()
        .put("metric", m.metric())
        .put("kind", m.kind().name().toLowerCase(Locale.ROOT))
        .put("seriesCount", m.seriesCount())
        .put("fns", new JsonArray(QueryFunction.apiNamesFor(m.kind())))));
    return new JsonObject().put("service", service).put("metrics", out);
  }

  static JsonObject result(RangeQuery query, QueryResult r) {
    JsonObject json = new JsonObject()
        .put("service", r.service())
        .put("metric", r.metric())
        .put("fn", r.fn());
    if (query.aggregation().function() == QueryFunction.QUANTILE) {
      json.put("q", query.aggregation().q());
    }
    if (query.aggregation().function() == QueryFunction.FRACTION_LE) {
      json.put("threshold", query.aggregation().thresholdSeconds());
    }
    json.put("from", time(r.fromMs())).put("to", time(r.toMs())).put("step", Duration.ofMillis(r.stepMs()).toString())
        .put("resolution", r.resolution().label());
    JsonArray series = new JsonArray();
    for (SeriesResult s : r.series()) {
      JsonArray points = new JsonArray();
      for (SeriesResult.Point p : s.points()) {
        points.add(new JsonObject().put("t", time(p.timeMs())).put("v", p.value()));
      }
      series.add(new JsonObject().put("labels", new JsonObject(new java.util.LinkedHashMap<>(s.labels().asMap())))
          .put("points", points));
    }
    return json.put("series", series);
  }

  static String time(long ms) {
    return Instant.ofEpochMilli(ms).toString();
  }
}
