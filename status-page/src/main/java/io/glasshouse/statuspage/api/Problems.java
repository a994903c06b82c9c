package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.rollup.query.QueryException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes failures as RFC 9457 {@code application/problem+json} ({@link Problem}). Known failures ({@link QueryException}, Vert.x
 * {@link HttpException}s) keep their status and detail; anything else is a 500 whose detail carries no stack
 * trace (the trace goes to the log).
 */
final class Problems {
  static final String MEDIA_TYPE = Problem.MEDIA_TYPE;
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** A failure handler for the read API's routes. */
  static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    Problem problem;
    if (failure instanceof QueryException e) {
      problem = fromQueryException(e);
    } else if (failure instanceof HttpException e) {
      problem = Problem.of(e.getStatusCode(), "http", titleFor(e.getStatusCode()),
          e.getPayload() != null ? e.getPayload() : titleFor(e.getStatusCode()));
    } else if (failure == null && ctx.statusCode() >= 400) {
      problem = Problem.of(ctx.statusCode(), "http", titleFor(ctx.statusCode()), titleFor(ctx.statusCode()));
    } else {
      LOG.error("Read API request {} failed", ctx.request().uri(), failure);
      problem = Problem.of(500, "internal", "Internal error",
          "The server failed to answer this request; it has been logged. Retry, and report it if it persists.");
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    problem.with("instance", ctx.request().path()).write(ctx.response());
  }

  static Problem fromQueryException(QueryException e) {
    return switch (e.reason()) {
      case BAD_PARAMETER -> Problem.of(400, "bad-parameter", "Bad request parameter", e.detail())
          .with("parameter", e.parameter());
      case UNKNOWN_SERVICE -> Problem.of(404, "unknown-service", "Unknown service", e.detail());
      case UNKNOWN_METRIC -> Problem.of(404, "unknown-metric", "Unknown metric", e.detail());
      case TOO_LARGE -> Problem.of(400, "query-too-large", "Query too large", e.detail())
          .with("parameter", e.parameter()).with("needed", e.needed()).with("limit", e.limit())
          .with("over", e.needed() - e.limit());
    };
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
