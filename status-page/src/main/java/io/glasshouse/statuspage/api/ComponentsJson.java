package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.OverrideChange;
import io.glasshouse.rollup.status.StatusOverride;
import io.glasshouse.rollup.status.StatusReason;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.rollup.status.UptimeWeights;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** The JSON shapes of the component status API (documented in openapi.yaml); times are ISO-8601 UTC strings. */
final class ComponentsJson {
  private ComponentsJson() {
  }

  static JsonObject components(StatusSnapshot s) {
    JsonArray out = new JsonArray();
    s.components().forEach(c -> out.add(component(c, s)));
    return new JsonObject().put("evaluatedAt", time(s.at()))
        .put("page", new JsonObject().put("indicator", s.page().indicator().apiName())
            .put("description", s.page().description()))
        .put("components", out);
  }

  static JsonObject component(ComponentState c, StatusSnapshot s) {
    JsonArray firing = new JsonArray();
    c.firing().forEach(r -> firing.add(reason(r)));
    List<DailyStatus> days = s.history(c.id());
    return new JsonObject()
        .put("id", c.id())
        .put("name", c.component().name())
        .put("description", c.component().description())
        .put("group", c.component().group().isEmpty() ? null : c.component().group())
        .put("position", c.component().position())
        .put("public", c.component().isPublic())
        .put("services", new JsonArray(c.component().services()))
        .put("slos", new JsonArray(c.component().slos()))
        .put("status", c.status().apiName())
        .put("since", time(c.since()))
        .put("rule", c.reason().rule().apiName())
        .put("reason", reason(c.reason()))
        .put("derived", c.derived().apiName())
        .put("improvesAt", c.improvesAt() == null ? null : time(c.improvesAt()))
        .put("firing", firing)
        .put("override", c.override() == null ? null : override(c.override()))
        .put("uptimePercent90d", number(DailyStatus.uptimePercent(days, s.weights())));
  }

  static JsonObject reason(StatusReason r) {
    JsonObject j = new JsonObject().put("rule", r.rule().apiName()).put("status", r.status().apiName())
        .put("summary", r.summary()).put("since", r.since() == null ? null : time(r.since()));
    if (r.slo() != null) {
      j.put("slo", r.slo()).put("longWindow", r.longWindow().label()).put("shortWindow", r.shortWindow().label())
          .put("longBurnRate", r.longBurnRate()).put("shortBurnRate", r.shortBurnRate())
          .put("threshold", r.threshold()).put("budgetRemaining", r.budgetRemaining());
    }
    if (r.service() != null) {
      j.put("service", r.service());
    }
    if (r.override() != null) {
      j.put("override", override(r.override()));
    }
    if (r.incident() != null) {
      j.put("incident", r.incident());
    }
    return j;
  }

  static JsonObject override(StatusOverride o) {
    return new JsonObject().put("status", o.status().apiName()).put("reason", o.reason()).put("by", o.by())
        .put("setAt", time(o.setAt())).put("expiresAt", time(o.expiresAt()));
  }

  static JsonObject change(OverrideChange c) {
    return new JsonObject().put("component", c.componentId()).put("action", c.action().apiName()).put("by", c.by())
        .put("at", time(c.at())).put("before", c.before() == null ? null : override(c.before()))
        .put("after", c.after() == null ? null : override(c.after()));
  }

  static JsonObject history(String id, List<DailyStatus> days, UptimeWeights w) {
    JsonArray out = new JsonArray();
    for (DailyStatus d : days) {
      JsonObject minutes = new JsonObject();
      for (ComponentStatus st : ComponentStatus.values()) {
        minutes.put(st.apiName(), d.minutes(st));
      }
      out.add(new JsonObject().put("date", d.day().toString()).put("minutes", minutes)
          .put("observedMinutes", (d.observedMillis() + 30_000) / 60_000)
          .put("uptimePercent", number(d.uptimePercent(w)))
          .put("worst", d.observedMillis() == 0 ? null : d.worst().apiName()));
    }
    return new JsonObject().put("component", id).put("days", out)
        .put("uptimePercent", number(DailyStatus.uptimePercent(days, w)))
        .put("weights", new JsonObject().put("major_outage", w.majorOutage()).put("partial_outage", w.partialOutage())
            .put("degraded_performance", w.degradedPerformance()));
  }

  private static Double number(OptionalDouble d) {
    return d.isPresent() ? d.getAsDouble() : null;
  }

  static String time(Instant t) {
    return t.toString();
  }
}
