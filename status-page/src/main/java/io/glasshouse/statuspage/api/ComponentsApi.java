package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.query.QueryException;
import io.glasshouse.rollup.query.TimeSyntax;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.rollup.status.UnknownComponentException;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The component status API. Reads answer from the evaluator's latest {@link StatusSnapshot} and never compute;
 * changes go through the evaluator (stored and audited before they take effect) and need the {@link AdminCheck}.
 *
 * <ul>
 *   <li>{@code GET /api/v1/components}: every component with its status, the rule that set it and its figures,
 *       and the page indicator
 *   <li>{@code GET /api/v1/components/:id}: one component
 *   <li>{@code GET /api/v1/components/:id/history?days=90}: daily minutes per status and uptime, 1 to 90 days
 *   <li>{@code POST /api/v1/components/:id/override} (admin): {@code {"status", "reason", "expiresAt" | "expiresIn",
 *       "by"?}}; replaces any override in force
 *   <li>{@code DELETE /api/v1/components/:id/override} (admin)
 *   <li>{@code GET /api/v1/components/:id/override/audit} (admin): the override's audit records, newest first
 * </ul>
 */
public final class ComponentsApi {
  /** An override may last at most this long; a forgotten one must not hide the truth for long. */
  static final Duration MAX_OVERRIDE = Duration.ofDays(30);
  private static final int MAX_BODY = 16 * 1024;
  private static final Set<String> OVERRIDE_FIELDS = Set.of("status", "reason", "expiresAt", "expiresIn", "by");
  private static final String BASE = "/api/v1/components";

  private final StatusEvaluator status;
  private final AdminCheck admin;
  private final Clock clock;

  private ComponentsApi(StatusEvaluator status, AdminCheck admin, Clock clock) {
    this.status = status;
    this.admin = admin;
    this.clock = clock;
  }

  /**
   * Adds the routes listed above, each with a problem+json failure handler; nothing global.
   *
   * @param clock "now" for {@code expiresIn}
   */
  public static void mount(Router router, StatusEvaluator status, AdminCheck admin, Clock clock) {
    ComponentsApi api = new ComponentsApi(status, admin, clock);
    router.get(BASE).handler(ctx -> api.answer(ctx, Future.succeededFuture(
        ComponentsJson.components(status.latest())))).failureHandler(Problems::handle);
    router.get(BASE + "/:id").handler(api::one).failureHandler(Problems::handle);
    router.get(BASE + "/:id/history").handler(api::history).failureHandler(Problems::handle);
    router.post(BASE + "/:id/override").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
        .handler(ctx -> api.asAdmin(ctx, api::setOverride)).failureHandler(Problems::handle);
    router.delete(BASE + "/:id/override")
        .handler(ctx -> api.asAdmin(ctx, api::clearOverride)).failureHandler(Problems::handle);
    router.get(BASE + "/:id/override/audit")
        .handler(ctx -> api.asAdmin(ctx, (c, who) -> status.overrideChanges(c.pathParam("id"), 100)
            .map(list -> new JsonObject().put("component", c.pathParam("id")).put("changes",
                new JsonArray(list.stream().map(ComponentsJson::change).toList())))))
        .failureHandler(Problems::handle);
  }

  private void one(RoutingContext ctx) {
    StatusSnapshot s = status.latest();
    String id = ctx.pathParam("id");
    answer(ctx, Future.succeededFuture(ComponentsJson.component(s.component(id)
        .orElseThrow(() -> unknown(id)), s)));
  }

  private void history(RoutingContext ctx) {
    StatusSnapshot s = status.latest();
    String id = ctx.pathParam("id");
    if (s.component(id).isEmpty()) {
      throw unknown(id);
    }
    int days = days(ctx.queryParams().getAll("days"));
    List<DailyStatus> all = s.history(id);
    List<DailyStatus> last = all.subList(Math.max(0, all.size() - days), all.size());
    answer(ctx, Future.succeededFuture(ComponentsJson.history(id, last, s.weights())));
  }

  private static int days(List<String> values) {
    if (values.isEmpty()) {
      return 90;
    }
    if (values.size() > 1) {
      throw QueryException.badParameter("days", "Parameter 'days' is given " + values.size() + " times; give it once.");
    }
    try {
      int d = Integer.parseInt(values.get(0).trim());
      if (d >= 1 && d <= 90) {
        return d;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw QueryException.badParameter("days", "Parameter 'days' must be a whole number from 1 to 90, got '"
        + values.get(0) + "'.");
  }

  private Future<JsonObject> setOverride(RoutingContext ctx, String who) {
    String id = ctx.pathParam("id");
    JsonObject body = body(ctx);
    for (String k : body.fieldNames()) {
      if (!OVERRIDE_FIELDS.contains(k)) {
        throw QueryException.badParameter(k, "Field '" + k + "' is not known; an override takes status, reason, "
            + "expiresAt or expiresIn, and optionally by.");
      }
    }
    ComponentStatus st;
    try {
      st = ComponentStatus.fromApiName(text(body, "status", true));
    } catch (IllegalArgumentException e) {
      throw QueryException.badParameter("status", "Field 'status': " + e.getMessage() + ".");
    }
    String reason = text(body, "reason", true);
    if (reason.isBlank() || reason.length() > 500) {
      throw QueryException.badParameter("reason", "Field 'reason' must say why, in 1 to 500 characters.");
    }
    String by = text(body, "by", false);
    if (by != null && (by.isBlank() || by.length() > 100)) {
      throw QueryException.badParameter("by", "Field 'by' must name who, in 1 to 100 characters.");
    }
    Instant expiresAt = expiry(body, clock.instant());
    String actor = by == null ? who : by + " (" + who + ")";
    return status.setOverride(id, st, reason, actor, expiresAt)
        .map(s -> ComponentsJson.component(s.component(id).orElseThrow(), s));
  }

  private Instant expiry(JsonObject body, Instant now) {
    String at = text(body, "expiresAt", false);
    String in = text(body, "expiresIn", false);
    if ((at == null) == (in == null)) {
      throw QueryException.badParameter("expiresAt", "Give exactly one of 'expiresAt' (an RFC 3339 time) or "
          + "'expiresIn' (a duration such as 30m or 2h).");
    }
    Instant t;
    String field = at != null ? "expiresAt" : "expiresIn";
    try {
      t = at != null ? TimeSyntax.parseInstant(at) : now.plus(TimeSyntax.parseDuration(in));
    } catch (IllegalArgumentException e) {
      throw QueryException.badParameter(field, "Field '" + field + "': " + e.getMessage() + ".");
    }
    if (t.isAfter(now.plus(MAX_OVERRIDE))) {
      throw QueryException.badParameter(field, "Field '" + field + "': an override may last at most 30 days; "
          + "set it again when it runs out if it still applies.");
    }
    return t;
  }

  private Future<JsonObject> clearOverride(RoutingContext ctx, String who) {
    String id = ctx.pathParam("id");
    return status.clearOverride(id, who).map(change -> {
      if (change.isEmpty()) {
        throw new HttpException(404, "Component '" + id + "' has no override in force; nothing to clear.");
      }
      StatusSnapshot s = status.latest();
      return ComponentsJson.component(s.component(id).orElseThrow(), s)
          .put("cleared", ComponentsJson.change(change.get()));
    });
  }

  private void asAdmin(RoutingContext ctx, BiFunction<RoutingContext, String, Future<JsonObject>> handler) {
    Optional<String> who = admin.authorise(ctx);
    if (who.isEmpty()) {
      return;
    }
    Future<JsonObject> f;
    try {
      f = handler.apply(ctx, who.get());
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    answer(ctx, f);
  }

  private void answer(RoutingContext ctx, Future<JsonObject> f) {
    f.onSuccess(json -> ctx.response().putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(json.encode()))
        .onFailure(e -> ctx.fail(translate(e)));
  }

  private static Throwable translate(Throwable e) {
    if (e instanceof UnknownComponentException u) {
      return unknown(u.componentId());
    }
    if (e instanceof IllegalArgumentException && !(e instanceof QueryException)) {
      return QueryException.badParameter("expiresAt", "Field 'expiresAt': " + e.getMessage() + ".");
    }
    return e;
  }

  private static HttpException unknown(String id) {
    return new HttpException(404, "No component with id '" + id + "' is configured; GET /api/v1/components "
        + "lists them.");
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject j = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
      if (j != null) {
        return j;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw QueryException.badParameter("body", "The body must be a JSON object like {\"status\": \"partial_outage\", "
        + "\"reason\": \"EU customers see errors\", \"expiresIn\": \"2h\"}.");
  }

  private static String text(JsonObject body, String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        throw QueryException.badParameter(field, "Field '" + field + "' is required.");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw QueryException.badParameter(field, "Field '" + field + "' must be a string.");
    }
    return s;
  }
}
