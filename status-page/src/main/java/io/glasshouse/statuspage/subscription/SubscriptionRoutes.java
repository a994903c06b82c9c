package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The subscription endpoints:
 * <ul>
 *   <li>{@code POST /api/v1/subscriptions} {@code {"url", "components"?: [ids]}} → 201 with the id, the signing
 *       secret (shown this once) and the unsubscribe link;
 *   <li>{@code DELETE /api/v1/subscriptions/{id}?token=…} (the unsubscribe token, or an admin bearer token) → 204;
 *   <li>{@code GET /api/v1/subscriptions} (admin) → every subscription with its delivery state and last failures.
 * </ul>
 * Every one is rate-limited per client address ({@link RateLimiter}): over the limit, 429 problem+json with
 * {@code Retry-After}. Bad input is a 400 problem naming the field; nothing is stored then.
 */
public final class SubscriptionRoutes {
  /** The collection's path. */
  public static final String PATH = "/api/v1/subscriptions";
  static final int BODY_LIMIT = 16 * 1024;

  private SubscriptionRoutes() {
  }

  /** Mounts the endpoints on {@code router}; {@code subscriptions} is shared by every verticle. */
  public static void mount(Router router, Subscriptions subscriptions, AccessTokens tokens) {
    router.route(PATH + "/*").handler(ctx -> limit(ctx, subscriptions)); // "/*" matches PATH itself too
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
        .handler(ctx -> create(ctx, subscriptions));
    router.get(PATH).handler(AccessHandler.require(tokens, Scope.ADMIN))
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
            .putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("subscriptions", new JsonArray(new ArrayList<>(subscriptions.list())))
                .encode()));
    router.delete(PATH + "/:id").handler(ctx -> delete(ctx, subscriptions, tokens));
  }

  private static void limit(RoutingContext ctx, Subscriptions subscriptions) {
    String client = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    Optional<Duration> wait = subscriptions.limiter().acquire(client);
    if (wait.isEmpty()) {
      ctx.next();
      return;
    }
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    problem(ctx, Problem.of(429, "rate-limited", "Too many requests", "Too many subscription requests from "
        + client + "; wait " + seconds + " s (Retry-After) and try again.").withRetryAfter(wait.get()));
  }

  private static void create(RoutingContext ctx, Subscriptions subscriptions) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (body == null) {
      problem(ctx, bad("The body must be a JSON object like {\"url\":\"https://example.com/hook\","
          + "\"components\":[\"checkout\"]}", null));
      return;
    }
    Object url = body.getValue("url");
    if (!(url instanceof String)) {
      problem(ctx, bad("url is required: the https address to POST notifications to", "url"));
      return;
    }
    Object comps = body.getValue("components");
    List<String> components = new ArrayList<>();
    if (comps != null) {
      if (!(comps instanceof JsonArray arr) || !arr.stream().allMatch(c -> c instanceof String)) {
        problem(ctx, bad("components must be a list of component ids, e.g. [\"checkout\"], or left out for all",
            "components"));
        return;
      }
      arr.forEach(c -> components.add((String) c));
    }
    for (String k : body.fieldNames()) {
      if (!k.equals("url") && !k.equals("components")) {
        problem(ctx, bad("unknown field '" + k + "'; a subscription has url and components", k));
        return;
      }
    }
    subscriptions.subscribe((String) url, List.copyOf(new LinkedHashSet<>(components))).onComplete(ar -> {
      if (ar.failed()) {
        problem(ctx, ar.cause() instanceof SubscriptionRefused r ? r.problem()
            : Problem.of(500, "internal-error", "Internal error", "The subscription could not be stored; try again."));
        return;
      }
      Subscription s = ar.result().subscription();
      ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .putHeader("Location", PATH + "/" + s.id())
          .end(new JsonObject().put("id", s.id()).put("url", s.url()).put("components", s.components())
              .put("createdAt", s.createdAt().toString())
              .put("secret", s.secret())
              .put("signatureHeader", WebhookSignature.HEADER)
              .put("unsubscribe", ar.result().unsubscribe()).encode());
    });
  }

  private static void delete(RoutingContext ctx, Subscriptions subscriptions, AccessTokens tokens) {
    String auth = ctx.request().getHeader("Authorization");
    boolean admin = auth != null && tokens.check(auth, Scope.ADMIN).granted(); // admin is never open
    subscriptions.unsubscribe(ctx.pathParam("id"), ctx.queryParams().get("token"), admin).onComplete(ar -> {
      if (ar.failed()) {
        problem(ctx, Problem.of(500, "internal-error", "Internal error", "The subscription could not be removed; "
            + "try again."));
        return;
      }
      switch (ar.result()) {
        case REMOVED -> ctx.response().setStatusCode(204).end();
        case NOT_FOUND -> problem(ctx, Problem.of(404, "not-found", "Not found", "No subscription '"
            + ctx.pathParam("id") + "'; it may have been removed already."));
        case WRONG_TOKEN -> problem(ctx, Problem.of(403, "forbidden", "Forbidden", "Send the unsubscribe token given "
            + "when subscribing as ?token=… (the unsubscribe link has it), or an admin bearer token."));
      }
    });
  }

  private static Problem bad(String detail, String parameter) {
    Problem p = Problem.of(400, "bad-subscription", "Bad subscription", detail);
    return parameter == null ? p : p.with("parameter", parameter);
  }

  private static void problem(RoutingContext ctx, Problem p) {
    if (!ctx.response().ended()) {
      p.with("instance", ctx.request().path()).write(ctx.response().putHeader("Cache-Control", "no-store"));
    }
  }
}
