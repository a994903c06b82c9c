package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.query.QueryException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failures as RFC 9457 {@code application/problem+json}. Known failures ({@link QueryException}, Vert.x
 * {@link HttpException}s) keep their status and detail; anything else is a 500 whose detail carries no stack
 * trace (the trace goes to the log).
 */
final class Problems {
  static final String MEDIA_TYPE = "application/problem+json";
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** A failure handler for the read API's routes. */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    JsonObject problem;
    if (failure instanceof QueryException e) {
      problem = fromQueryException(e);
    } else if (failure instanceof HttpException e) {
      problem = problem("/problems/http", titleFor(e.getStatusCode()), e.getStatusCode(),
          e.getPayload() != null ? e.getPayload() : titleFor(e.getStatusCode()));
    } else if (failure == null && ctx.statusCode() >= 400) {
      problem = problem("/problems/http", titleFor(ctx.statusCode()), ctx.statusCode(), titleFor(ctx.statusCode()));
    } else {
      LOG.error("Read API request {} failed", ctx.request().uri(), failure);
      problem = problem("/problems/internal", "Internal error", 500,
          "The server failed to answer this request; it has been logged. Retry, and report it if it persists.");
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    problem.put("instance", ctx.request().path());
    ctx.response().setStatusCode(problem.getInteger("status")).putHeader("content-type", MEDIA_TYPE)
        .end(problem.encode());
  }

  static JsonObject fromQueryException(QueryException e) {
    return switch (e.reason()) {
      case BAD_PARAMETER -> problem("/problems/bad-parameter", "Bad request parameter", 400, e.detail())
          .put("parameter", e.parameter());
      case UNKNOWN_SERVICE -> problem("/problems/unknown-service", "Unknown service", 404, e.detail());
      case UNKNOWN_METRIC -> problem("/problems/unknown-metric", "Unknown metric", 404, e.detail());
      case TOO_LARGE -> problem("/problems/query-too-large", "Query too large", 400, e.detail())
          .put("parameter", e.parameter()).put("needed", e.needed()).put("limit", e.limit())
          .put("over", e.needed() - e.limit());
    };
  }

  private static JsonObject problem(String type, String title, int status, String detail) {
    return new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail);
  }

  private static String titleFor(int status) {
    return switch (status) {
      case 400 -> "Bad request";
      case 404 -> "Not found";
      case 405 -> "Method not allowed";
      default -> status >= 500 ? "Internal error" : "Request failed";
    };
  }
}
