package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.rollup.query.TimeSyntax;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.statuspage.incident.Impact;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentBook;
import io.glasshouse.statuspage.incident.IncidentCodec;
import io.glasshouse.statuspage.incident.IncidentEntry;
import io.glasshouse.statuspage.incident.IncidentRejected;
import io.glasshouse.statuspage.incident.IncidentRequest;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.glasshouse.statuspage.incident.MaintenanceRequest;
import io.glasshouse.statuspage.incident.UpdateRequest;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The staff API for incidents, scheduled maintenance and draft incidents; every route needs the {@code admin}
 * scope ({@link AdminCheck}: 401/403 problem+json, nothing about the secret). Bodies are checked completely before
 * anything is stored; a bad one is a 400 problem+json whose {@code parameter} names the field.
 *
 * <ul>
 *   <li>{@code GET /api/v1/incidents}: incidents (not maintenance), newest first, and the drafts
 *   <li>{@code POST /api/v1/incidents}: {@code {name, impact, status, body, components {id: status}, startedAt?}}
 *   <li>{@code GET /api/v1/incidents/drafts}; {@code POST /api/v1/incidents/drafts/:id/publish} (optionally with
 *       the fields of a create to change); {@code DELETE /api/v1/incidents/drafts/:id}
 *   <li>{@code GET /api/v1/incidents/:id} (incident, maintenance or draft);
 *       {@code POST /api/v1/incidents/:id/updates}: {@code {status, body, components? {id: status}}}
 *   <li>{@code GET|POST /api/v1/maintenances}: {@code {name, body, scheduledFor, scheduledUntil, components [id]}};
 *       {@code GET|PATCH /api/v1/maintenances/:id}; {@code POST /api/v1/maintenances/:id/cancel} ({@code {body?}})
 * </ul>
 * Answers are {@link IncidentCodec}'s JSON plus {@code kind} ({@code incident | maintenance}) and {@code draft}.
 */
public final class IncidentsApi {
  private static final int MAX_REQUEST = 64 * 1024;
  private static final String INCIDENTS = "/api/v1/incidents";
  private static final String MAINTENANCES = "/api/v1/maintenances";
  private static final Set<String> CREATE = Set.of("name", "impact", "status", "body", "components", "startedAt");
  private static final Set<String> UPDATE = Set.of("status", "body", "components");
  private static final Set<String> MAINTENANCE = Set.of("name", "body", "scheduledFor", "scheduledUntil",
      "components");
  private static final Set<String> CANCEL = Set.of("body");

  private final IncidentBook book;
  private final AdminCheck admin;

  /** The routing context key of the admin token's name, recorded as an update's {@code postedBy}. */
  private static final String POSTED_BY = "glasshouse.incidents.postedBy";

  private IncidentsApi(IncidentBook book, AdminCheck admin) {
    this.book = book;
    this.admin = admin;
  }

  /** Adds the routes listed above, each with a problem+json failure handler; nothing global. */
  public static void mount(Router router, IncidentBook book, AdminCheck admin) {
    IncidentsApi api = new IncidentsApi(book, admin);
    BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_REQUEST);
    router.get(INCIDENTS).handler(ctx -> api.as(ctx, 200, c -> Future.succeededFuture(new JsonObject()
        .put("incidents", list(book.all().stream().filter(i -> !i.isMaintenance()).toList(), false))
        .put("drafts", list(book.drafts(), true))))).failureHandler(IncidentsApi::fail);
    router.post(INCIDENTS).handler(body).handler(ctx -> api.as(ctx, 201, c ->
        book.create(incident(json(c), true)).map(i -> entry(i, false)))).failureHandler(IncidentsApi::fail);
    router.get(INCIDENTS + "/drafts").handler(ctx -> api.as(ctx, 200, c -> Future.succeededFuture(
        new JsonObject().put("drafts", list(book.drafts(), true))))).failureHandler(IncidentsApi::fail);
    router.post(INCIDENTS + "/drafts/:id/publish").handler(body).handler(ctx -> api.as(ctx, 201, c -> {
      JsonObject j = optionalJson(c);
      return book.publish(c.pathParam("id"), incident(j, false)).map(i -> entry(i, false));
    })).failureHandler(IncidentsApi::fail);
    router.delete(INCIDENTS + "/drafts/:id").handler(ctx -> api.as(ctx, 204, c ->
        book.discard(c.pathParam("id")).map(v -> (JsonObject) null))).failureHandler(IncidentsApi::fail);
    router.get(INCIDENTS + "/:id").handler(ctx -> api.as(ctx, 200, c -> Future.succeededFuture(api.found(c))))
        .failureHandler(IncidentsApi::fail);
    router.post(INCIDENTS + "/:id/updates").handler(body).handler(ctx -> api.as(ctx, 201, c ->
        book.update(c.pathParam("id"), update(json(c)).by(c.get(POSTED_BY))).map(i -> entry(i, false))))
        .failureHandler(IncidentsApi::fail);
    router.get(MAINTENANCES).handler(ctx -> api.as(ctx, 200, c -> Future.succeededFuture(new JsonObject()
        .put("maintenances", list(book.all().stream().filter(Incident::isMaintenance).toList(), false)))))
        .failureHandler(IncidentsApi::fail);
    router.post(MAINTENANCES).handler(body).handler(ctx -> api.as(ctx, 201, c ->
        book.schedule(maintenance(json(c), true)).map(i -> entry(i, false)))).failureHandler(IncidentsApi::fail);
    router.get(MAINTENANCES + "/:id").handler(ctx -> api.as(ctx, 200, c -> {
      JsonObject j = api.found(c);
      if (!"maintenance".equals(j.getString("kind"))) {
        throw IncidentRejected.unknown("maintenance", c.pathParam("id"));
      }
      return Future.succeededFuture(j);
    })).failureHandler(IncidentsApi::fail);
    router.patch(MAINTENANCES + "/:id").handler(body).handler(ctx -> api.as(ctx, 200, c ->
        book.reschedule(c.pathParam("id"), maintenance(json(c), false)).map(i -> entry(i, false))))
        .failureHandler(IncidentsApi::fail);
    router.post(MAINTENANCES + "/:id/cancel").handler(body).handler(ctx -> api.as(ctx, 200, c -> {
      JsonObject j = optionalJson(c);
      fields(j, CANCEL, "a cancellation takes an optional body");
      return book.cancel(c.pathParam("id"), text(j, "body")).map(i -> entry(i, false));
    })).failureHandler(IncidentsApi::fail);
  }

  private JsonObject found(RoutingContext c) {
    IncidentEntry e = book.entry(c.pathParam("id"))
        .orElseThrow(() -> IncidentRejected.unknown("incident, maintenance or draft", c.pathParam("id")));
    return entry(e.incident(), e.draft());
  }

  private void as(RoutingContext ctx, int status, Function<RoutingContext, Future<JsonObject>> handler) {
    Optional<String> by = admin.authorise(ctx);
    if (by.isEmpty()) {
      return;
    }
    ctx.put(POSTED_BY, by.get());
    Future<JsonObject> f;
    try {
      f = handler.apply(ctx);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(json -> {
      ctx.response().setStatusCode(status).putHeader("cache-control", "no-store");
      if (json == null) {
        ctx.response().end();
      } else {
        ctx.response().putHeader("content-type", "application/json").end(json.encode());
      }
    }).onFailure(ctx::fail);
  }

  private static void fail(RoutingContext ctx) {
    if (ctx.failure() instanceof IncidentRejected r) {
      if (ctx.response().headWritten()) {
        ctx.response().reset();
        return;
      }
      Problem p = switch (r.status()) {
        case 400 -> Problem.of(400, "bad-parameter", "Bad request parameter", r.getMessage())
            .with("parameter", r.field());
        case 404 -> Problem.of(404, "not-found", "Not found", r.getMessage());
        default -> Problem.of(409, "conflict", "Conflict", r.getMessage());
      };
      p.with("instance", ctx.request().path()).write(ctx.response());
      return;
    }
    Problems.handle(ctx);
  }

  static JsonObject entry(Incident i, boolean draft) {
    return IncidentCodec.encode(i).put("kind", i.isMaintenance() ? "maintenance" : "incident").put("draft", draft);
  }

  private static JsonArray list(List<Incident> all, boolean draft) {
    return new JsonArray(all.stream().map(i -> entry(i, draft)).toList());
  }

  // --- request bodies ---

  private static IncidentRequest incident(JsonObject j, boolean required) {
    fields(j, CREATE, "an incident takes name, impact, status, body, components and startedAt");
    String impact = text(j, "impact");
    String status = text(j, "status");
    Object c = j.getValue("components");
    if (required && (text(j, "name") == null || impact == null || status == null || text(j, "body") == null)) {
      // the book names the first missing one
      return new IncidentRequest(text(j, "name"), impact == null ? null : parse("impact", impact, Impact::fromWire),
          status == null ? null : parse("status", status, IncidentStatus::fromWire), text(j, "body"),
          c == null ? Map.of() : componentStatuses(c), time(j, "startedAt"));
    }
    return new IncidentRequest(text(j, "name"), impact == null ? null : parse("impact", impact, Impact::fromWire),
        status == null ? null : parse("status", status, IncidentStatus::fromWire), text(j, "body"),
        c == null ? (required ? Map.of() : null) : componentStatuses(c), time(j, "startedAt"));
  }

  private static UpdateRequest update(JsonObject j) {
    fields(j, UPDATE, "an update takes status, body and components");
    String status = text(j, "status");
    Object c = j.getValue("components");
    return new UpdateRequest(status == null ? null : parse("status", status, IncidentStatus::fromWire),
        text(j, "body"), c == null ? Map.of() : componentStatuses(c));
  }

  private static MaintenanceRequest maintenance(JsonObject j, boolean create) {
    fields(j, MAINTENANCE, "a maintenance takes name, body, scheduledFor, scheduledUntil and components");
    Object c = j.getValue("components");
    List<String> ids = null;
    if (c != null) {
      if (!(c instanceof JsonArray a) || a.stream().anyMatch(x -> !(x instanceof String))) {
        throw IncidentRejected.field("components", "Field 'components' must be a list of component ids, for "
            + "example [\"checkout\", \"search\"].");
      }
      ids = new ArrayList<>();
      for (Object x : a) {
        ids.add((String) x);
      }
    }
    return new MaintenanceRequest(text(j, "name"), text(j, "body"), time(j, "scheduledFor"),
        time(j, "scheduledUntil"), create && ids == null ? List.of() : ids);
  }

  private static Map<String, ComponentStatus> componentStatuses(Object c) {
    if (!(c instanceof JsonObject o)) {
      throw IncidentRejected.field("components", "Field 'components' must be an object of component id to the "
          + "status the incident sets, for example {\"checkout\": \"partial_outage\"}.");
    }
    Map<String, ComponentStatus> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : o) {
      if (!(e.getValue() instanceof String s)) {
        throw IncidentRejected.field("components", "Field 'components': the status of " + e.getKey()
            + " must be a string such as \"partial_outage\".");
      }
      out.put(e.getKey(), parse("components", s, ComponentStatus::fromApiName));
    }
    return out;
  }

  private static <T> T parse(String field, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw IncidentRejected.field(field, "Field '" + field + "': " + e.getMessage() + ".");
    }
  }

  private static Instant time(JsonObject j, String field) {
    String s = text(j, field);
    return s == null ? null : parse(field, s, TimeSyntax::parseInstant);
  }

  private static void fields(JsonObject j, Set<String> allowed, String what) {
    for (String k : j.fieldNames()) {
      if (!allowed.contains(k)) {
        throw IncidentRejected.field(k, "Field '" + k + "' is not known; " + what + ".");
      }
    }
  }

  private static String text(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw IncidentRejected.field(field, "Field '" + field + "' must be a string.");
    }
    return (String) v;
  }

  /** The body, or an empty object when there is none. */
  private static JsonObject optionalJson(RoutingContext ctx) {
    boolean none = ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().length() == 0;
    return none ? new JsonObject() : json(ctx);
  }

  private static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject j = ctx.body() == null || ctx.body().length() == 0 ? null : ctx.body().asJsonObject();
      if (j != null) {
        return j;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    throw IncidentRejected.field("body", "The request body must be a JSON object; see /openapi.yaml for the "
        + "fields.");
  }
}
