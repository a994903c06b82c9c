package io.glasshouse.collector.scrape;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.collector.http.HttpProblem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The self-registration API for ephemeral instances, and the list of scrape targets; every call needs an ingest
 * token ({@code collector.ingest-tokens}), like ingest itself.
 *
 * <ul>
 *   <li>{@code PUT /api/v1/scrape/targets/{job}/{instance}} with an optional JSON body
 *       {@code {"address": "10.0.0.7:9100", "labels": {"zone": "a"}, "ttl": "90s"}}: registers (or renews) the
 *       instance as a target of the configured job {@code job}; {@code address} defaults to {@code instance},
 *       {@code ttl} to {@code scrape.registration-default-ttl} (at most {@code scrape.registration-max-ttl}).
 *       The target is scraped until the TTL passes without a renewal. 200 with the registration.</li>
 *   <li>{@code DELETE /api/v1/scrape/targets/{job}/{instance}}: leaves now. 204 (also when not registered).</li>
 *   <li>{@code GET /api/v1/scrape/targets}: every job's targets and how their last scrape went.</li>
 * </ul>
 * Errors are {@code application/problem+json} naming what to fix.
 */
public final class ScrapeRoutes {
  /** Base path of the API. */
  public static final String PATH = "/api/v1/scrape/targets";
  private static final Set<String> BODY_FIELDS = Set.of("address", "labels", "ttl");
  private static final int MAX_LABELS = 32;
  private static final int MAX_VALUE_LENGTH = 1024;

  private ScrapeRoutes() {
  }

  /** Mounts the API on {@code router}; call once per router (event-loop verticle). */
  public static void mount(Router router, ScrapeManager manager, AccessTokens access) {
    router.route(PATH + "*").handler(AccessHandler.require(access, Scope.INGEST)); // the one scoped token check
    router.get(PATH).handler(ctx -> manager.targets().onComplete(ar -> {
      if (ar.succeeded()) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(ar.result().encode());
      } else {
        ctx.fail(ar.cause());
      }
    }));
    router.put(PATH + "/:job/:instance").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
        .handler(ctx -> register(ctx, manager));
    router.delete(PATH + "/:job/:instance").handler(ctx -> {
      String job = ctx.pathParam("job");
      if (!manager.hasJob(job)) {
        unknownJob(ctx, manager, job);
        return;
      }
      manager.deregister(job, ctx.pathParam("instance"));
      ctx.response().setStatusCode(204).end();
    });
  }

  private static void register(RoutingContext ctx, ScrapeManager manager) {
    String job = ctx.pathParam("job");
    String instance = ctx.pathParam("instance");
    if (!manager.hasJob(job)) {
      unknownJob(ctx, manager, job);
      return;
    }
    JsonObject body;
    try {
      String text = ctx.body().asString();
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      bad(ctx, "the body must be a JSON object like {\"address\": \"10.0.0.7:9100\", \"labels\": {\"zone\": \"a\"}, "
          + "\"ttl\": \"90s\"}");
      return;
    }
    for (String f : body.fieldNames()) {
      if (!BODY_FIELDS.contains(f)) {
        bad(ctx, "field '" + f + "' is not known; a registration has address, labels and ttl");
        return;
      }
    }
    if (instance.isBlank() || instance.length() > MAX_VALUE_LENGTH) {
      bad(ctx, "the instance in the path must be 1 to " + MAX_VALUE_LENGTH + " characters");
      return;
    }
    Object addressValue = body.getValue("address");
    if (addressValue != null && !(addressValue instanceof String)) {
      bad(ctx, "address must be a string host:port");
      return;
    }
    String address = addressValue == null ? instance : ((String) addressValue).trim();
    if (address.isEmpty() || address.contains("/") || address.contains(" ")) {
      bad(ctx, "address '" + address + "' is not host:port (no scheme or path: those come from the job)");
      return;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Object labelsValue = body.getValue("labels");
    if (labelsValue != null) {
      if (!(labelsValue instanceof JsonObject l)) {
        bad(ctx, "labels must be an object of label names to strings");
        return;
      }
      if (l.size() > MAX_LABELS) {
        bad(ctx, "at most " + MAX_LABELS + " labels per registration, got " + l.size());
        return;
      }
      for (String name : l.fieldNames()) {
        Object v = l.getValue(name);
        if (!Fields.LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
          bad(ctx, "label name '" + name + "' is not valid: [a-zA-Z_][a-zA-Z0-9_]*, not starting with __");
          return;
        }
        if (!(v instanceof String s) || s.length() > MAX_VALUE_LENGTH) {
          bad(ctx, "label " + name + " must be a string of at most " + MAX_VALUE_LENGTH + " characters");
          return;
        }
        labels.put(name, s);
      }
    }
    Duration ttl = manager.settings().registrationDefaultTtl();
    Object ttlValue = body.getValue("ttl");
    if (ttlValue != null) {
      try {
        ttl = Fields.of("body", new JsonObject().put("ttl", ttlValue)).duration("ttl", ttl);
      } catch (IllegalArgumentException e) {
        bad(ctx, "ttl must be a duration such as 90s or 5m, got " + ttlValue);
        return;
      }
      Duration max = manager.settings().registrationMaxTtl();
      if (ttl.compareTo(max) > 0) {
        bad(ctx, "ttl " + ttlValue + " is above scrape.registration-max-ttl (" + max + "); renew more often");
        return;
      }
    }
    long expires = manager.register(job, instance, address, labels, ttl);
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(new JsonObject()
        .put("job", job).put("instance", instance).put("address", address)
        .put("labels", new JsonObject(new LinkedHashMap<String, Object>(labels)))
        .put("ttlSeconds", ttl.toSeconds()).put("expires", Instant.ofEpochMilli(expires).toString()).encode());
  }

  private static void unknownJob(RoutingContext ctx, ScrapeManager manager, String job) {
    problem(ctx.response(), 404, "Not Found", "scrape job '" + job + "' is not configured; configured jobs: "
        + manager.jobNames() + " (add it under scrape.scrape_configs)");
  }

  private static void bad(RoutingContext ctx, String detail) {
    problem(ctx.response(), 400, "Bad Request", detail);
  }

  private static void problem(HttpServerResponse response, int status, String title, String detail) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, HttpProblem.PROBLEM_JSON)
        .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
            .put("detail", detail).encode());
  }
}
