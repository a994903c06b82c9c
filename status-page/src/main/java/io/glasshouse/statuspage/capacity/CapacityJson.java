package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityIndicator;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.capacity.CapacitySnapshot;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.HorizonForecast;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Capacity snapshots as JSON: the API's answers and the report's download. Pure and thread-safe: the same input
 * gives the same output; no clock, no I/O.
 */
public final class CapacityJson {
  private CapacityJson() {
  }

  /** {@code {"computedAt": …, "indicators": [ … ]}} in the result's (configuration) order, without chart data. */
  public static JsonObject json(CapacityResult result) {
    JsonArray list = new JsonArray();
    result.indicators().forEach(s -> list.add(json(s, false)));
    return new JsonObject().put("computedAt", result.computedAt().toString()).put("indicators", list);
  }

  /** The same as {@link #json(CapacityResult)} ordered by upper-95 time to exhaustion, soonest first. */
  public static JsonObject jsonByExhaustion(CapacityResult result) {
    JsonArray list = new JsonArray();
    result.byExhaustion().forEach(s -> list.add(json(s, false)));
    return new JsonObject().put("computedAt", result.computedAt().toString()).put("indicators", list);
  }

  /** One indicator; with {@code detail}, also {@code history} and the forecast {@code path} for charts. */
  public static JsonObject json(CapacitySnapshot s, boolean detail) {
    CapacityIndicator ind = s.indicator();
    JsonObject o = new JsonObject()
        .put("name", ind.name())
        .put("service", ind.service())
        .put("metric", ind.metric())
        .put("fn", ind.fn())
        .put("match", ind.match().isBlank() ? null : ind.match())
        .put("unit", ind.unit().orElse(null))
        .put("computedAt", s.computedAt().toString())
        .put("capacity", new JsonObject()
            .put("kind", ind.capacity().kind().key())
            .put("amount", num(ind.capacity().amount()))
            .put("liveInstances", s.liveInstances())
            .put("total", num(s.capacity())))
        .put("targetUtilisation", ind.targetUtilisation())
        .put("current", num(s.current()))
        .put("currentAt", s.currentAt().map(Instant::toString).orElse(null))
        .put("utilisation", num(s.utilisation()))
        .put("model", s.model().orElse(null))
        .put("fallbackReason", s.forecast().flatMap(Forecast::fallbackReason).orElse(null))
        .put("notes", new JsonArray(s.forecast().map(Forecast::notes).orElse(List.of())));
    JsonArray horizons = new JsonArray();
    for (HorizonForecast h : s.horizons()) {
      horizons.add(new JsonObject().put("horizon", h.horizon().toString()).put("label", ReportText.label(h.horizon()))
          .put("at", h.at().toString()).put("point", num(h.point()))
          .put("lo80", num(h.lo80())).put("hi80", num(h.hi80())).put("lo95", num(h.lo95())).put("hi95", num(h.hi95()))
          .put("model", h.model()));
    }
    o.put("forecast", horizons);
    o.put("timeToExhaustion", exhaustion(s.exhaustion(), s.computedAt()));
    o.put("timeToTarget", exhaustion(s.targetExhaustion(), s.computedAt()));
    JsonArray needed = new JsonArray();
    for (InstancesNeeded n : s.instancesNeeded()) {
      needed.add(new JsonObject().put("horizon", n.horizon().toString()).put("label", ReportText.label(n.horizon()))
          .put("at", n.at().toString()).put("forPoint", n.forPoint()).put("forUpper80", n.forUpper80()));
    }
    o.put("instancesNeeded", needed);
    CapacityAdvice advice = CapacityAdvice.of(s);
    o.put("advice", new JsonObject().put("action", advice.action()).put("add", num(advice.add()))
        .put("total", num(advice.total())).put("by", advice.by().map(Instant::toString).orElse(null))
        .put("text", advice.text()));
    o.put("anomaly", new JsonObject().put("score", num(s.anomalyScore())).put("flagged", s.anomalous()));
    o.put("suggestedSeverity", s.suggestedSeverity());
    o.put("error", s.error().orElse(null));
    if (detail) {
      JsonArray history = new JsonArray();
      s.history().ifPresent(h -> {
        for (double[] p : CapacityChart.downsample(h, CapacityChart.MAX_HISTORY_POINTS)) {
          history.add(new JsonObject().put("t", Instant.ofEpochMilli((long) p[0]).toString()).put("v", num(p[1])));
        }
      });
      JsonArray path = new JsonArray();
      s.forecast().ifPresent(f -> f.path().forEach(p -> path.add(new JsonObject().put("t", p.time().toString())
          .put("v", num(p.value())).put("lo80", num(p.lo80())).put("hi80", num(p.hi80()))
          .put("lo95", num(p.lo95())).put("hi95", num(p.hi95())))));
      o.put("history", history).put("path", path);
    }
    return o;
  }

  private static JsonObject exhaustion(Optional<Exhaustion> e, Instant now) {
    Optional<Instant> point = e.flatMap(Exhaustion::point);
    Optional<Instant> upper = e.flatMap(Exhaustion::upper95);
    return new JsonObject()
        .put("threshold", e.map(x -> num(x.capacity())).orElse(null))
        .put("point", point.map(Instant::toString).orElse(null))
        .put("pointSeconds", point.map(t -> seconds(now, t)).orElse(null))
        .put("upper95", upper.map(Instant::toString).orElse(null))
        .put("upper95Seconds", upper.map(t -> seconds(now, t)).orElse(null));
  }

  private static Long seconds(Instant now, Instant t) {
    return Math.max(0, Duration.between(now, t).getSeconds());
  }

  private static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
