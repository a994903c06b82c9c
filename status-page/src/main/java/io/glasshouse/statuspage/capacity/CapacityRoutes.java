package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.capacity.CapacityResult;
import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capacity API and the staff capacity report.
 *
 * <ul>
 *   <li>{@code GET /api/v1/capacity}: every indicator's forecast per horizon with 80%/95% intervals, time to
 *       exhaustion, instances needed, anomaly score, model and {@code suggestedSeverity}, in configuration order.
 *   <li>{@code GET /api/v1/capacity/:name}: one indicator, with its history and forecast path for charts.
 *   <li>{@code GET /reports/capacity.js}: the report page's sorting script (not secret, no token needed).
 *   <li>{@code GET /reports/capacity} (HTML), {@code /reports/capacity.csv}, {@code /reports/capacity.json}: staff
 *       only, with {@code Authorization: Bearer <token with the read scope>} or {@code ?token=} (for browsers).
 * </ul>
 *
 * <p>Handlers answer from {@link CapacityPlanner#latest()} and never forecast; before the first refresh completes
 * they answer 503 problem+json with {@code Retry-After}. Tokens are checked by {@link AccessHandler} (constant time,
 * one 401 for every refusal). Only these routes, their access handlers and failure handlers are added.
 */
public final class CapacityRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(CapacityRoutes.class);
  /** The report's sorting script, served as a file so that the page's CSP can forbid inline scripts. */
  static final String SCRIPT_PATH = "/reports/capacity.js";

  private final CapacityPlanner planner;
  private final Clock clock;

  private CapacityRoutes(CapacityPlanner planner, Clock clock) {
    this.planner = planner;
    this.clock = clock;
  }

  /**
   * Mounts the routes listed above.
   *
   * @param planner started (or about to be) by the caller; only its {@code latest()} is read here
   * @param staffTokens staff tokens (scopes read and admin); empty disables the reports (403); the capacity API is
   *     open
   * @param clock "now" for the {@code ageSeconds} and {@code stale} fields of {@code /api/v1/capacity}
   */
  public static void mount(Router router, CapacityPlanner planner, Set<String> staffTokens, Clock clock) {
    mount(router, planner, AccessTokens.of(AccessTokens.named("staff", staffTokens, Set.of(Scope.READ, Scope.ADMIN)),
        Set.of(Scope.READ)), clock);
  }

  /**
   * Mounts the routes listed above behind the server's tokens: {@code /api/v1/capacity} and
   * {@code /api/v1/capacity/:name} need the {@link Scope#READ} scope unless it is open; the reports always need a
   * token with {@link Scope#READ} (header or {@code ?token=}), open or not.
   */
  public static void mount(Router router, CapacityPlanner planner, AccessTokens tokens, Clock clock) {
    CapacityRoutes r = new CapacityRoutes(planner, clock);
    AccessHandler read = AccessHandler.require(tokens, Scope.READ);
    AccessHandler staff = AccessHandler.staff(tokens, Scope.READ);
    router.route("/api/v1/capacity").handler(read);
    router.route("/api/v1/capacity/*").handler(read);
    for (String path : List.of("/reports/capacity", "/reports/capacity.csv", "/reports/capacity.json")) {
      router.route(path).handler(staff);
    }
    router.get(SCRIPT_PATH).handler(ctx -> nosniff(ctx).response()
        .putHeader("content-type", "text/javascript; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .end(CapacityHtml.script()));
    router.get("/api/v1/capacity").handler(r.withResult((ctx, res) ->
        json(ctx, r.withAge(CapacityJson.json(res), res)))).failureHandler(CapacityRoutes::failure);
    router.get("/api/v1/capacity/:name").handler(r::one).failureHandler(CapacityRoutes::failure);
    router.get("/reports/capacity").handler(r.withResult(r::html)).failureHandler(CapacityRoutes::failure);
    router.get("/reports/capacity.csv").handler(r.withResult((ctx, res) -> ctx.response()
        .putHeader("content-type", "text/csv; charset=utf-8; header=present")
        .putHeader("content-disposition", "attachment; filename=\"capacity.csv\"")
        .putHeader("cache-control", "no-store")
        .end(CapacityCsv.csv(res)))).failureHandler(CapacityRoutes::failure);
    router.get("/reports/capacity.json").handler(r.withResult((ctx, res) -> ctx.response()
        .putHeader("content-type", "application/json")
        .putHeader("content-disposition", "attachment; filename=\"capacity.json\"")
        .putHeader("cache-control", "no-store")
        .end(CapacityJson.jsonByExhaustion(res).encodePrettily()))).failureHandler(CapacityRoutes::failure);
  }

  private interface ResultHandler {
    void handle(RoutingContext ctx, CapacityResult result);
  }

  private Handler<RoutingContext> withResult(ResultHandler h) {
    return ctx -> {
      nosniff(ctx);
      Optional<CapacityResult> latest = planner.latest();
      if (latest.isEmpty()) {
        notYet(ctx);
        return;
      }
      h.handle(ctx, latest.get());
    };
  }

  /** Every answer here, problems included, is to be taken as the type it says it is. */
  private static RoutingContext nosniff(RoutingContext ctx) {
    ctx.response().putHeader("x-content-type-options", "nosniff");
    return ctx;
  }

  private void one(RoutingContext ctx) {
    nosniff(ctx);
    String name = ctx.pathParam("name");
    if (planner.config().indicator(name).isEmpty()) {
      List<String> known = planner.config().indicators().stream().map(i -> i.name()).toList();
      problem(ctx, 404, "/problems/unknown-capacity-indicator", "Unknown capacity indicator", "No capacity indicator "
          + "named '" + name + "' is configured; known: " + (known.isEmpty() ? "none (add capacity.indicators to the "
          + "configuration)" : String.join(", ", known)) + ".");
      return;
    }
    Optional<CapacityResult> latest = planner.latest();
    if (latest.isEmpty() || latest.get().indicator(name).isEmpty()) {
      notYet(ctx);
      return;
    }
    json(ctx, CapacityJson.json(latest.get().indicator(name).get(), true));
  }

  private void html(RoutingContext ctx, CapacityResult result) {
    String token = ctx.queryParams().get("token");
    String suffix = token == null ? "" : "?token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    String page = CapacityHtml.html(result, new CapacityHtml.Links("/reports/capacity.csv" + suffix,
        "/reports/capacity.json" + suffix), SCRIPT_PATH);
    ctx.response().putHeader("content-type", "text/html; charset=utf-8")
        .putHeader("cache-control", "no-store")
        .putHeader("referrer-policy", "no-referrer")
        .putHeader("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; "
            + "script-src 'self'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
        .end(page);
  }

  private void notYet(RoutingContext ctx) {
    long retry = Math.max(1, Math.min(planner.config().refreshInterval().toSeconds(), 60));
    ctx.response().putHeader("retry-after", Long.toString(retry));
    problem(ctx, 503, "/problems/capacity-not-ready", "Capacity forecasts not computed yet", "The first capacity "
        + "refresh has not finished (refreshes run at start and every " + human(planner.config().refreshInterval())
        + "); retry in " + retry + " s.");
  }

  private static String human(Duration d) {
    return ReportText.label(d);
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
  }

  /** Answers a {@link Problem} whose {@code type} is {@code type} ({@code /problems/<slug>}). */
  static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
    Problem.of(status, type.substring(Problem.TYPE_PREFIX.length()), title, detail)
        .with("instance", ctx.request().path()).write(nosniff(ctx).response());
  }

  private static void failure(RoutingContext ctx) {
    if (ctx.failure() != null) {
      LOG.error("capacity request {} failed", ctx.request().path(), ctx.failure());
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    int status = ctx.failure() == null && ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
    problem(ctx, status, status == 500 ? "/problems/internal" : "/problems/http",
        status == 500 ? "Internal error" : "Request failed", status == 500
            ? "The server failed to answer this request; it has been logged. Retry, and report it if it persists."
            : "The request failed with status " + status + ".");
  }

  /**
   * Adds {@code ageSeconds} (since the refresh that produced the result) and {@code stale} (older than two refresh
   * intervals plus a minute: refreshes are failing or stuck).
   */
  private JsonObject withAge(JsonObject body, CapacityResult result) {
    Duration age = Duration.between(result.computedAt(), clock.instant());
    Duration limit = planner.config().refreshInterval().multipliedBy(2).plusMinutes(1);
    return body.put("ageSeconds", Math.max(0, age.toSeconds())).put("stale", age.compareTo(limit) > 0);
  }
}
