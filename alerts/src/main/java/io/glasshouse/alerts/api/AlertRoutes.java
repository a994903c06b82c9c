package io.glasshouse.alerts.api;

import io.glasshouse.alerts.engine.AlertEngine;
import io.glasshouse.alerts.nflog.Delivery;
import io.glasshouse.alerts.nflog.NflogEntry;
import io.glasshouse.alerts.route.Matcher;
import io.glasshouse.alerts.silence.Silence;
import io.glasshouse.alerts.state.Alert;
import io.glasshouse.alerts.store.Codec;
import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff alert API: reading needs a token with the {@code read} scope, changing silences the {@code admin} scope
 * ({@code Authorization: Bearer …}, checked by {@link AccessHandler}):
 * <ul>
 *   <li>{@code GET /api/v1/alerts}: pending, firing and recently resolved alerts with their figures and whether a
 *       silence or an inhibition mutes them; rules that cannot be evaluated, with the reason.
 *   <li>{@code GET /api/v1/alerts/silences}; {@code POST /api/v1/alerts/silences} with {@code matchers} (strings
 *       such as {@code service="checkout"} or Alertmanager's {@code {name, value, isRegex, isEqual}} objects),
 *       {@code startsAt} (optional), {@code endsAt} or {@code duration} ({@code 2h}), {@code createdBy},
 *       {@code comment}: 201 with the silence; {@code DELETE /api/v1/alerts/silences/:id} expires it.
 *   <li>{@code GET /api/v1/alerts/notifications}: recent deliveries (receiver, integration, outcome, attempts,
 *       error; never a URL or key) and the notification log.
 * </ul>
 * Bad input is a 400 problem+json whose {@code detail} names the field; nothing is stored then.
 */
public final class AlertRoutes {
  static final String PROBLEM = "application/problem+json";
  private final AlertEngine engine;

  private AlertRoutes(AlertEngine engine) {
    this.engine = engine;
  }

  /** Mounts the routes above on {@code router}, reads behind {@code read}, changes behind {@code admin}. */
  public static void mount(Router router, AlertEngine engine, AccessTokens access) {
    AlertRoutes r = new AlertRoutes(engine);
    AccessHandler read = AccessHandler.require(access.closed(), Scope.READ);
    AccessHandler admin = AccessHandler.require(access, Scope.ADMIN);
    router.get("/api/v1/alerts").handler(read).handler(r::alerts);
    router.get("/api/v1/alerts/silences").handler(read).handler(r::silences);
    router.post("/api/v1/alerts/silences").handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(admin)
        .handler(r::createSilence);
    router.delete("/api/v1/alerts/silences/:id").handler(admin).handler(r::expireSilence);
    router.get("/api/v1/alerts/notifications").handler(read).handler(r::notifications);
  }

  private void alerts(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    List<Alert> all = new ArrayList<>(engine.alerts());
    all.sort(java.util.Comparator.comparing(Alert::activeAt));
    for (Alert a : all) {
      out.add(Codec.alert(a).put("mutedBy", engine.mutedBy(a).orElse(null)));
    }
    JsonObject errors = new JsonObject();
    engine.ruleErrors().forEach(errors::put);
    json(ctx, 200, new JsonObject().put("alerts", out).put("ruleErrors", errors));
  }

  private void silences(RoutingContext ctx) {
    Instant now = engine.clock().instant();
    JsonArray out = new JsonArray();
    engine.silences().forEach(s -> out.add(Codec.silence(s, now)));
    json(ctx, 200, new JsonObject().put("silences", out));
  }

  private void createSilence(RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      badRequest(ctx, "The body must be a JSON object with matchers, endsAt (or duration), createdBy and comment.");
      return;
    }
    List<Matcher> matchers;
    Instant startsAt;
    Instant endsAt;
    try {
      matchers = matchers(body.getValue("matchers"));
      startsAt = body.getString("startsAt") == null ? null : Instant.parse(body.getString("startsAt"));
      Instant from = startsAt == null ? engine.clock().instant() : startsAt;
      if (body.getValue("duration") != null) {
        endsAt = from.plus(io.glasshouse.alerts.config.Durations.parse("duration", body.getValue("duration")));
      } else {
        endsAt = body.getString("endsAt") == null ? null : Instant.parse(body.getString("endsAt"));
      }
    } catch (IllegalArgumentException | ClassCastException e) {
      badRequest(ctx, e.getMessage());
      return;
    } catch (DateTimeParseException e) {
      badRequest(ctx, "startsAt/endsAt: write an RFC 3339 UTC time such as 2026-03-02T10:00:00Z.");
      return;
    }
    String createdBy = body.getValue("createdBy") instanceof String s ? s : null;
    String comment = body.getValue("comment") instanceof String s ? s : null;
    engine.createSilence(matchers, startsAt, endsAt, createdBy, comment)
        .onSuccess(s -> {
          ctx.response().putHeader("location", "/api/v1/alerts/silences/" + s.id());
          json(ctx, 201, Codec.silence(s, engine.clock().instant()));
        })
        .onFailure(e -> {
          if (e instanceof IllegalArgumentException) {
            badRequest(ctx, e.getMessage());
          } else {
            ctx.fail(e);
          }
        });
  }

  static List<Matcher> matchers(Object v) {
    if (!(v instanceof JsonArray a) || a.isEmpty()) {
      throw new IllegalArgumentException("matchers: a non-empty list, e.g. [\"service=\\\"checkout\\\"\"]");
    }
    List<Matcher> out = new ArrayList<>();
    for (Object o : a) {
      if (o instanceof String s) {
        out.addAll(Matcher.parseAll(List.of(s)));
      } else if (o instanceof JsonObject m) {
        boolean re = m.getBoolean("isRegex", false);
        boolean eq = m.getBoolean("isEqual", true);
        if (m.getString("name") == null || m.getString("value") == null) {
          throw new IllegalArgumentException("matchers: each object needs name and value");
        }
        out.add(Matcher.of(m.getString("name"), re ? (eq ? Matcher.Op.RE : Matcher.Op.NRE)
            : (eq ? Matcher.Op.EQ : Matcher.Op.NE), m.getString("value")));
      } else {
        throw new IllegalArgumentException("matchers: each entry is a string such as service=\"checkout\" or an "
            + "object {name, value, isRegex, isEqual}");
      }
    }
    return out;
  }

  private void expireSilence(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    engine.expireSilence(id).onSuccess(s -> {
      if (s.isEmpty()) {
        problem(ctx, 404, "/problems/unknown-silence", "Unknown silence", "No silence has id " + id
            + "; list them with GET /api/v1/alerts/silences.");
      } else {
        json(ctx, 200, Codec.silence(s.get(), engine.clock().instant()));
      }
    }).onFailure(ctx::fail);
  }

  private void notifications(RoutingContext ctx) {
    JsonArray deliveries = new JsonArray();
    for (Delivery d : engine.notificationLog().deliveries()) {
      deliveries.add(Codec.delivery(d));
    }
    JsonArray log = new JsonArray();
    for (NflogEntry e : engine.notificationLog().entries()) {
      log.add(Codec.nflog(e));
    }
    json(ctx, 200, new JsonObject().put("deliveries", deliveries).put("log", log));
  }

  private static void badRequest(RoutingContext ctx, String detail) {
    problem(ctx, 400, "/problems/bad-silence", "Bad silence", detail);
  }

  static void problem(RoutingContext ctx, int status, String type, String title, String detail) {
    ctx.response().setStatusCode(status).putHeader("content-type", PROBLEM).end(new JsonObject().put("type", type)
        .put("title", title).put("status", status).put("detail", detail).put("instance", ctx.request().path())
        .encode());
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(body.encode());
  }

}
