package io.glasshouse.collector.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpServerRequest;

/**
 * The answer to a request the HTTP codec could not parse (invalid {@code Content-Length}, broken headers, a
 * too long request line): a problem document saying what to fix, never an empty body. The server closes the
 * connection after it, as the request's framing cannot be trusted.
 */
public final class InvalidRequests {
  private InvalidRequests() {
  }

  /** Writes the answer; use as {@code HttpServer#invalidRequestHandler}. */
  public static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
    HttpProblem problem;
    int status;
    if (cause instanceof TooLongFrameException) {
      boolean line = cause.getClass().getSimpleName().contains("Line");
      status = line ? 414 : 431;
      problem = HttpProblem.undecodable(line
          ? "the request line (method and URI) is too long; use a shorter URI"
          : "the request headers are too large; send fewer or shorter headers");
    } else {
      status = 400;
      problem = HttpProblem.undecodable("the request is not valid HTTP/1.1: check that Content-Length is one "
          + "decimal number of bytes (sent once, not with Transfer-Encoding: chunked) and that every header "
          + "line is 'Name: value'");
    }
    problem.problem().withStatus(status).write(request.response().putHeader("Connection", "close"));
  }
}
