package io.glasshouse.server.configapi;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.config.AuditEntry;
import io.glasshouse.rollup.config.ConfigObject;
import io.glasshouse.rollup.config.ConfigRefusal;
import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.config.FieldError;
import io.glasshouse.rollup.config.InvalidConfigException;
import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The config API, all of it behind {@link AccessHandler} with the {@link Scope#ADMIN} scope:
 *
 * <ul>
 *   <li>{@code GET /api/v1/config}: the kinds and document formats there are;
 *   <li>{@code GET /api/v1/config/audit?limit=&before=}: the audit trail, newest first, paged;
 *   <li>{@code GET|POST /api/v1/config/{kind}}: list, create (201 with {@code Location} and {@code ETag});
 *   <li>{@code PUT /api/v1/config/{format}}: apply a document (e.g. {@code openslo}), all of it or nothing;
 *   <li>{@code GET|PUT|DELETE /api/v1/config/{kind}/{id}}: read, replace, delete; {@code If-Match} optional.
 * </ul>
 *
 * Refusals are {@code application/problem+json}: 400 for a body that is not JSON, 422 with {@code errors:
 * [{field, detail}]} for objects that do not validate, 404 for an unknown kind or id, 409 for an existing id or
 * an object from the configuration file (read-only here), 412 for a stale {@code If-Match}.
 */
public final class ConfigApi {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigApi.class);
  static final String ROOT = "/api/v1/config";
  static final long MAX_BODY = 1 << 20;
  static final int DEFAULT_PAGE = 50;
  static final int MAX_PAGE = 500;

  private final ConfigRegistry registry;

  private ConfigApi(ConfigRegistry registry) {
    this.registry = registry;
  }

  /** Mounts the routes on {@code router} (one per event-loop verticle; the registry is shared). */
  public static void mount(Router router, ConfigRegistry registry, AccessTokens tokens) {
    ConfigApi api = new ConfigApi(registry);
    router.route(ROOT).handler(AccessHandler.require(tokens, Scope.ADMIN));
    router.route(ROOT + "/*").handler(AccessHandler.require(tokens, Scope.ADMIN));
    router.route(ROOT + "/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.get(ROOT).handler(api::index).failureHandler(ConfigApi::failure);
    router.get(ROOT + "/audit").handler(api::audit).failureHandler(ConfigApi::failure);
    router.get(ROOT + "/:kind").handler(ctx -> api.answer(ctx, 200, list(registry, ctx.pathParam("kind"))))
        .failureHandler(ConfigApi::failure);
    router.post(ROOT + "/:kind").handler(api::create).failureHandler(ConfigApi::failure);
    router.put(ROOT + "/:kind").handler(api::document).failureHandler(ConfigApi::failure);
    router.get(ROOT + "/:kind/:id").handler(api::one).failureHandler(ConfigApi::failure);
    router.put(ROOT + "/:kind/:id").handler(api::replace).failureHandler(ConfigApi::failure);
    router.delete(ROOT + "/:kind/:id").handler(api::delete).failureHandler(ConfigApi::failure);
  }

  private void index(RoutingContext ctx) {
    answer(ctx, 200, new JsonObject().put("kinds", new JsonArray(registry.kinds()))
        .put("documents", new JsonArray(registry.parsers())).put("audit", ROOT + "/audit"));
  }

  private static JsonObject list(ConfigRegistry registry, String kind) {
    JsonArray items = new JsonArray();
    registry.list(kind).forEach(o -> items.add(o.toJson()));
    return new JsonObject().put("kind", kind).put("items", items);
  }

  private void one(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    String id = ctx.pathParam("id");
    ConfigObject o = registry.get(kind, id).orElseThrow(() -> new ConfigRefusal(ConfigRefusal.Reason.NOT_FOUND,
        "There is no " + kind + " '" + id + "'."));
    etag(ctx, o);
    answer(ctx, 200, o.toJson());
  }

  private void create(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    registry.list(kind);
    JsonObject body = jsonBody(ctx);
    respond(ctx, registry.create(kind, body, who(ctx)), o -> {
      ctx.response().putHeader("location", ROOT + "/" + kind + "/" + o.id());
      etag(ctx, o);
      answer(ctx, 201, o.toJson());
    });
  }

  private void replace(RoutingContext ctx) {
    String kind = ctx.pathParam("kind");
    registry.list(kind);
    JsonObject body = jsonBody(ctx);
    respond(ctx, registry.replace(kind, ctx.pathParam("id"), body, who(ctx), ifMatch(ctx)), o -> {
      etag(ctx, o);
      answer(ctx, 200, o.toJson());
    });
  }

  private void delete(RoutingContext ctx) {
    respond(ctx, registry.delete(ctx.pathParam("kind"), ctx.pathParam("id"), who(ctx), ifMatch(ctx)),
        o -> ctx.response().setStatusCode(204).end());
  }

  private void document(RoutingContext ctx) {
    String format = ctx.pathParam("kind");
    if (!registry.hasParser(format)) {
      registry.list(format);
      throw new ConfigRefusal(ConfigRefusal.Reason.UNKNOWN_KIND, "PUT " + ROOT + "/" + format + " takes a "
          + "document, and '" + format + "' is a kind of object: create objects with POST " + ROOT + "/" + format
          + " or replace one with PUT " + ROOT + "/" + format + "/{id}.");
    }
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new BadRequest("The body must hold the " + format + " document; it is empty.");
    }
    respond(ctx, registry.applyDocument(format, text, who(ctx)), objects -> {
      JsonArray items = new JsonArray();
      objects.forEach(o -> items.add(o.toJson()));
      answer(ctx, 200, new JsonObject().put("document", format).put("applied", items));
    });
  }

  private void audit(RoutingContext ctx) {
    int limit = DEFAULT_PAGE;
    Long before = null;
    try {
      String l = ctx.queryParams().get("limit");
      if (l != null) {
        limit = Integer.parseInt(l.trim());
      }
      String b = ctx.queryParams().get("before");
      if (b != null) {
        before = Long.parseLong(b.trim());
      }
    } catch (NumberFormatException e) {
      throw new BadRequest("limit and before must be whole numbers (before is the seq of an entry, as the 'next' "
          + "link gives it).");
    }
    if (limit < 1 || limit > MAX_PAGE) {
      throw new BadRequest("limit must be from 1 to " + MAX_PAGE + ", got " + limit + ".");
    }
    int size = limit;
    respond(ctx, registry.audit(limit, before), page -> {
      JsonArray entries = new JsonArray();
      page.entries().stream().map(AuditEntry::toJson).forEach(entries::add);
      answer(ctx, 200, new JsonObject().put("entries", entries).put("next", page.nextBefore() == null ? null
          : ROOT + "/audit?limit=" + size + "&before=" + page.nextBefore()));
    });
  }

  private static String who(RoutingContext ctx) {
    String name = AccessHandler.tokenName(ctx);
    return name == null ? "unknown" : name;
  }

  private static JsonObject jsonBody(RoutingContext ctx) {
    String text = ctx.body().asString();
    if (text == null || text.isBlank()) {
      throw new BadRequest("The body must be a JSON object; it is empty.");
    }
    Object parsed;
    try {
      parsed = io.vertx.core.json.Json.decodeValue(text);
    } catch (DecodeException e) {
      throw new BadRequest("The body is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof JsonObject o)) {
      throw new BadRequest("The body must be a JSON object, got " + (parsed == null ? "null" : "a JSON "
          + (parsed instanceof JsonArray ? "array" : "value")) + ".");
    }
    return o;
  }

  private static Long ifMatch(RoutingContext ctx) {
    String h = ctx.request().getHeader("if-match");
    if (h == null || h.trim().equals("*")) {
      return null;
    }
    String v = h.trim();
    if (v.startsWith("W/")) {
      v = v.substring(2);
    }
    v = v.replace("\"", "");
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BadRequest("If-Match must be an ETag this API gave (a quoted version such as \"3\"), got " + h + ".");
    }
  }

  private static void etag(RoutingContext ctx, ConfigObject o) {
    ctx.response().putHeader("etag", "\"" + o.version() + "\"");
  }

  private <T> void respond(RoutingContext ctx, Future<T> f, java.util.function.Consumer<T> ok) {
    f.onSuccess(ok::accept).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("cache-control", "no-store").end(body.encode());
  }

  /** 400: the request itself is malformed. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String detail) {
      super(detail, null, false, false);
    }
  }

  static void failure(RoutingContext ctx) {
    Throwable f = ctx.failure();
    JsonObject p;
    if (f instanceof InvalidConfigException e) {
      JsonArray errors = new JsonArray();
      e.errors().stream().map(FieldError::toJson).forEach(errors::add);
      p = problem("invalid-config", "Invalid configuration object", 422, e.getMessage()).put("errors", errors);
    } else if (f instanceof ConfigRefusal r) {
      p = problem(switch (r.reason()) {
        case UNKNOWN_KIND -> "unknown-config-kind";
        case NOT_FOUND -> "config-not-found";
        case EXISTS -> "config-exists";
        case FILE_OWNED -> "config-from-file";
        case VERSION_MISMATCH -> "config-version-mismatch";
        case LIMIT -> "config-limit";
      }, switch (r.reason()) {
        case UNKNOWN_KIND, NOT_FOUND -> "Not found";
        case EXISTS -> "Already exists";
        case FILE_OWNED -> "Defined in the configuration file";
        case VERSION_MISMATCH -> "Changed since read";
        case LIMIT -> "Too many objects of this kind";
      }, r.reason().status(), r.detail());
    } else if (f instanceof BadRequest b) {
      p = problem("bad-request", "Bad request", 400, b.getMessage());
    } else if (f == null && ctx.statusCode() == 413) {
      p = problem("payload-too-large", "Payload too large", 413, "The body is larger than " + MAX_BODY
          + " bytes, the config API's limit; send objects one at a time.");
    } else if (f == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      p = problem("http", "Request failed", ctx.statusCode(), "The request failed with status " + ctx.statusCode()
          + ".");
    } else {
      LOG.error("config API request {} {} failed", ctx.request().method(), ctx.request().path(), f);
      p = problem("internal-error", "Internal error", 500, "The server failed to apply or answer this request; "
          + "nothing was half-applied, and it has been logged. Retry, and report it if it persists.");
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response().setStatusCode(p.getInteger("status")).putHeader("content-type", "application/problem+json")
        .putHeader("cache-control", "no-store")
        .end(p.put("instance", ctx.request().path()).encode());
  }

  private static JsonObject problem(String type, String title, int status, String detail) {
    return Problem.of(status, type, title, detail).toJson();
  }
}
