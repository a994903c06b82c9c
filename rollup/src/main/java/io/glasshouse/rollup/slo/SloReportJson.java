package io.glasshouse.rollup.slo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * The read API's JSON for {@link SloReport}s: {@link #summary} for listings, {@link #full} with the definition and
 * budget over time. Undefined figures are JSON {@code null}; durations are seconds; instants ISO-8601 UTC.
 */
public final class SloReportJson {
  private static final SloJsonCodec CODEC = new SloJsonCodec();

  private SloReportJson() {
  }

  /** Name, service, target, window, SLI, budget, burn rates and exhaustion: everything but the chart. */
  public static JsonObject summary(SloReport r) {
    SloDefinition d = r.definition();
    JsonObject burn = new JsonObject();
    for (SloReport.BurnRate b : r.burnRates()) {
      burn.put(SloJsonCodec.formatDuration(b.window()), b.rate());
    }
    burn.put("window", r.windowBurnRate());
    SloReport.ErrorBudget eb = r.errorBudget();
    return new JsonObject()
        .put("name", d.name())
        .put("service", d.service())
        .put("description", d.description())
        .put("owner", d.owner())
        .put("labels", new JsonObject(new java.util.LinkedHashMap<>(d.labels())))
        .put("target", d.target())
        .put("window", CODEC.toJson(d).getJsonObject("window"))
        .put("budgeting", CODEC.toJson(d).getJsonObject("budgeting"))
        .put("asOf", instant(r.asOf()))
        .put("windowStart", instant(r.windowStart()))
        .put("windowEnd", instant(r.windowEnd()))
        .put("unit", r.unit())
        .put("good", r.good())
        .put("total", r.total())
        .put("bad", r.bad())
        .put("sli", r.sli())
        .put("errorBudget", new JsonObject().put("ratio", eb.ratio()).put("events", eb.events())
            .put("seconds", seconds(eb.time())))
        .put("budgetRemaining", r.budgetRemaining())
        .put("budgetRemainingEvents", r.budgetRemainingEvents())
        .put("budgetRemainingSeconds", seconds(r.budgetRemainingTime()))
        .put("burnRates", burn)
        .put("exhaustion", new JsonObject()
            .put("atCurrentBurn", instant(r.exhaustion().atCurrentBurn()))
            .put("currentNote", r.exhaustion().currentNote())
            .put("atForecastTraffic", instant(r.exhaustion().atForecastTraffic()))
            .put("forecastNote", r.exhaustion().forecastNote())
            .put("atForecastTrafficEarliest", instant(r.exhaustion().atForecastTrafficEarliest()))
            .put("atForecastTrafficLatest", instant(r.exhaustion().atForecastTrafficLatest()))
            .put("forecastInterval", 0.8)
            .put("forecastModel", r.exhaustion().forecastModel()))
        .put("notes", new JsonArray(r.notes()));
  }

  /** {@link #summary} plus the definition as configured and the budget over time. */
  public static JsonObject full(SloReport r) {
    JsonArray points = new JsonArray();
    for (SloReport.BudgetPoint p : r.budgetOverTime()) {
      points.add(new JsonObject().put("time", instant(p.time())).put("remaining", p.remaining()));
    }
    return summary(r)
        .put("definition", CODEC.toJson(r.definition()))
        .put("budgetOverTime", new JsonObject().put("resolutionSeconds", seconds(r.resolution()))
            .put("points", points));
  }

  private static String instant(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Double seconds(Duration d) {
    return d == null ? null : d.toMillis() / 1000.0;
  }
}
