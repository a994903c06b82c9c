package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.instances.Deviation;
import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.instances.WindowFigures;
import io.glasshouse.rollup.series.InstanceInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code GET /api/v1/services/{service}/instances}: the registry's facts ({@link ApiJson#instances})
 * with each instance's recent figures and how it compares with its peers (see openapi.yaml, {@code Instance}).
 * Figures that do not exist (no requests, no latency) are null, never NaN.
 */
final class InstanceJson {
  private InstanceJson() {
  }

  static JsonObject instances(String service, List<InstanceInfo> instances, ServiceHealth health) {
    JsonObject json = ApiJson.instances(service, instances);
    Map<String, InstanceHealth> byId = new HashMap<>();
    if (health != null) {
      health.instances().forEach(h -> byId.put(h.instance(), h));
      json.put("health", new JsonObject()
          .put("computedAt", ApiJson.time(health.computedAtMs()))
          .put("windowEnd", ApiJson.time(health.windowEndMs()))
          .put("judgedWindow", health.judgedWindow().toString())
          .put("outliers", new JsonArray(health.outliers().stream().map(InstanceHealth::instance).toList())));
    }
    for (Object o : json.getJsonArray("instances")) {
      JsonObject i = (JsonObject) o;
      i.put("state", i.getBoolean("live") ? "live" : "stale");
      InstanceHealth h = byId.get(i.getString("instance"));
      if (h == null) {
        i.put("outlier", false).put("judgement", null).put("figures", new JsonArray()).put("deviations",
            new JsonArray());
        continue;
      }
      JsonArray figures = new JsonArray();
      h.figures().forEach(f -> figures.add(figures(f)));
      JsonArray deviations = new JsonArray();
      h.deviations().forEach(d -> deviations.add(deviation(d)));
      i.put("outlier", h.outlier()).put("judgement", h.judgement().tag()).put("figures", figures)
          .put("deviations", deviations);
    }
    return json;
  }

  private static JsonObject figures(WindowFigures f) {
    return new JsonObject()
        .put("window", f.window().toString())
        .put("requests", f.requests())
        .put("errors", f.errors())
        .put("errorRatio", num(f.errorRatio()))
        .put("ratePerSecond", num(f.ratePerSecond()))
        .put("latencyCount", f.latencyCount())
        .put("p50", num(f.p50()))
        .put("p90", num(f.p90()))
        .put("p99", num(f.p99()));
  }

  private static JsonObject deviation(Deviation d) {
    return new JsonObject()
        .put("signal", d.signal())
        .put("quantile", num(d.quantile()))
        .put("value", num(d.value()))
        .put("peerMedian", num(d.peerMedian()))
        .put("mad", num(d.mad()))
        .put("score", num(d.score()))
        .put("threshold", d.threshold())
        .put("minDifference", num(d.minDifference()))
        .put("peers", d.peers())
        .put("deviating", d.deviating())
        .put("deviatingSince", d.deviatingSinceMs() == null ? null : ApiJson.time(d.deviatingSinceMs()))
        .put("outlier", d.outlier());
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
