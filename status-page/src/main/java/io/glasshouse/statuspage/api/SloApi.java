package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloReportJson;
import io.glasshouse.rollup.slo.SloReports;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The SLO read API, beside {@link ReadApi}: {@code GET /api/v1/slos} (every SLO's report without its chart, budget
 * remaining ascending, undefined last) and {@code GET /api/v1/slos/{name}} (one SLO's full report with its budget
 * over time). Answers from the last published {@link SloReports.Snapshot}; never computes on the event loop.
 */
public final class SloApi {
  private SloApi() {
  }

  /** Adds the two GET routes, each with the read API's problem+json failure handler. */
  public static void mount(Router router, SloReports reports) {
    router.get("/api/v1/slos").handler(ctx -> list(ctx, reports)).failureHandler(Problems::handle);
    router.get("/api/v1/slos/:name").handler(ctx -> one(ctx, reports)).failureHandler(Problems::handle);
  }

  private static void list(RoutingContext ctx, SloReports reports) {
    SloReports.Snapshot s = reports.latest();
    JsonArray slos = new JsonArray();
    s.reports().forEach(r -> slos.add(SloReportJson.summary(r)));
    JsonObject body = new JsonObject()
        .put("computedAt", s.computedAt() == null ? null : s.computedAt().toString())
        .put("defined", reports.definitions().size())
        .put("slos", slos);
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
  }

  private static void one(RoutingContext ctx, SloReports reports) {
    String name = ctx.pathParam("name");
    Optional<SloReport> r = reports.latest().report(name);
    if (r.isPresent()) {
      ctx.response().putHeader("content-type", "application/json").end(SloReportJson.full(r.get()).encode());
      return;
    }
    boolean defined = reports.definitions().stream().anyMatch(d -> d.name().equals(name));
    String detail = defined
        ? "SLO '" + name + "' is defined but not evaluated yet; retry after the next refresh (every few seconds)."
        : "No SLO named '" + name + "'; GET /api/v1/slos lists the SLOs.";
    JsonObject problem = new JsonObject().put("type", defined ? "/problems/slo-not-evaluated" : "/problems/unknown-slo")
        .put("title", defined ? "SLO not evaluated yet" : "Unknown SLO").put("status", defined ? 503 : 404)
        .put("detail", detail).put("instance", ctx.request().path());
    if (defined) {
      ctx.response().putHeader("Retry-After", "10");
    }
    ctx.response().setStatusCode(defined ? 503 : 404).putHeader("content-type", Problems.MEDIA_TYPE)
        .end(problem.encode());
  }
}
