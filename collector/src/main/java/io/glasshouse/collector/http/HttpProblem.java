package io.glasshouse.collector.http;

import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.problem.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A request the collector refuses, as an RFC 9457 problem: HTTP status, a short {@code title}, a
 * {@code detail} saying what to change, and for refused samples an {@code errors} extension member listing
 * {@code {reason, count, detail}} per reason. Thrown inside request handling and written by the endpoint in its
 * protocol's error shape ({@code application/problem+json}, or {@code google.rpc.Status} for OTLP). The document
 * is a {@link Problem}, the one problem writer, so its {@code type} is {@code /problems/<slug>} like every other.
 */
public final class HttpProblem extends RuntimeException {
  /** Media type of problem documents. */
  public static final String PROBLEM_JSON = Problem.MEDIA_TYPE;

  private final Problem problem;
  private final List<Rejection> errors;
  private final String reason;

  private HttpProblem(Problem problem, List<Rejection> errors, String reason) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.errors = errors;
    this.reason = reason;
  }

  private static HttpProblem of(int status, String type, String title, String detail, List<Rejection> errors) {
    Problem p = Problem.of(status, type, title, detail);
    if (!errors.isEmpty()) {
      JsonArray a = new JsonArray();
      for (Rejection r : errors) {
        a.add(new JsonObject().put("reason", r.reason()).put("count", r.count()).put("detail", r.detail()));
      }
      p = p.with("errors", a);
    }
    return new HttpProblem(p, errors, type.replace('-', '_'));
  }

  /** 400: the body cannot be decoded at all; retrying it will not help. */
  public static HttpProblem undecodable(String detail) {
    return of(400, "undecodable-body", "Undecodable body", detail, List.of());
  }

  /** 400: samples were refused; {@code errors} says which and why. */
  public static HttpProblem invalidSamples(String detail, List<Rejection> errors) {
    return of(400, "invalid-samples", "Invalid samples", detail, List.copyOf(errors));
  }

  /** 401 with {@code WWW-Authenticate: Bearer}. */
  public static HttpProblem unauthorized(String detail) {
    HttpProblem p = of(401, "unauthorized", "Unauthorized", detail, List.of());
    return new HttpProblem(p.problem.withAuthenticate("Bearer"), p.errors, p.reason);
  }

  /** 413: compressed body or decompressed payload over a limit. */
  public static HttpProblem tooLarge(String detail) {
    return of(413, "payload-too-large", "Payload too large", detail, List.of());
  }

  /** 408: the sender took longer than allowed to send the body. */
  public static HttpProblem requestTimeout(String detail) {
    return of(408, "request-timeout", "Request timeout", detail, List.of());
  }

  /** 415: unsupported Content-Type or Content-Encoding. */
  public static HttpProblem unsupportedMediaType(String detail) {
    return of(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
  }

  /** 429: the sender must slow down or change what it sends (series limit), with {@code Retry-After}. */
  public static HttpProblem tooManyRequests(String detail, List<Rejection> errors, Duration retryAfter) {
    HttpProblem p = of(429, "too-many-requests", "Too many requests", detail, List.copyOf(errors));
    return retryAfter == null ? p : new HttpProblem(p.problem.withRetryAfter(retryAfter), p.errors, p.reason);
  }

  /** 503: the collector or engine is overloaded; retry after {@code retryAfter}. */
  public static HttpProblem unavailable(String detail, Duration retryAfter) {
    HttpProblem p = of(503, "overloaded", "Service unavailable", detail, List.of());
    return new HttpProblem(p.problem.withRetryAfter(retryAfter), p.errors, p.reason);
  }

  /** 500: a bug or an engine failure; the batch changed nothing. */
  public static HttpProblem internal(String detail) {
    return of(500, "internal", "Internal error", detail, List.of()).withReason("internal_error");
  }

  /**
   * This problem with a more precise {@link #reason()} (the {@code reason} tag of the refused-requests
   * metric), e.g. {@code queue_delay} for a 503.
   */
  public HttpProblem withReason(String reason) {
    return new HttpProblem(problem, errors, reason);
  }

  /** Why the request was refused, snake_case: the problem type unless {@link #withReason} set another. */
  public String reason() {
    return reason;
  }

  public int status() {
    return problem.status();
  }

  public String title() {
    return problem.title();
  }

  public String detail() {
    return getMessage();
  }

  public List<Rejection> errors() {
    return errors;
  }

  /** Seconds for the {@code Retry-After} header, or null for none. */
  public Duration retryAfter() {
    return problem.retryAfter();
  }

  /** The problem document this refusal is. */
  public Problem problem() {
    return problem;
  }

  /** The RFC 9457 document. */
  public JsonObject toJson() {
    return problem.toJson();
  }

  /** Sets status and the headers common to every error shape ({@code Retry-After}, {@code WWW-Authenticate}). */
  public HttpServerResponse prepare(HttpServerResponse response) {
    return problem.prepare(response);
  }

  /** Writes this problem as {@code application/problem+json}. */
  public void writeProblemJson(HttpServerResponse response) {
    problem.write(response);
  }
}
