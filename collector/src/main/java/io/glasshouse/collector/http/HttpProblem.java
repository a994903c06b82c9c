package io.glasshouse.collector.http;

import io.glasshouse.rollup.ingest.Rejection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A request the collector refuses, as an RFC 9457 problem: HTTP status, a short {@code title}, a
 * {@code detail} saying what to change, and for refused samples an {@code errors} extension member listing
 * {@code {reason, count, detail}} per reason. Thrown inside request handling and written by the endpoint in its
 * protocol's error shape ({@code application/problem+json}, or {@code google.rpc.Status} for OTLP).
 */
public final class HttpProblem extends RuntimeException {
  /** Media type of problem documents. */
  public static final String PROBLEM_JSON = "application/problem+json";

  private final int status;
  private final String type;
  private final String title;
  private final List<Rejection> errors;
  private final Duration retryAfter;
  private final String wwwAuthenticate;
  private final String reason;

  private HttpProblem(int status, String type, String title, String detail, List<Rejection> errors,
      Duration retryAfter, String wwwAuthenticate) {
    this(status, type, title, detail, errors, retryAfter, wwwAuthenticate, type.replace('-', '_'));
  }

  private HttpProblem(int status, String type, String title, String detail, List<Rejection> errors,
      Duration retryAfter, String wwwAuthenticate, String reason) {
    super(detail, null, false, false);
    this.reason = reason;
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = errors;
    this.retryAfter = retryAfter;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** 400: the body cannot be decoded at all; retrying it will not help. */
  public static HttpProblem undecodable(String detail) {
    return new HttpProblem(400, "undecodable-body", "Undecodable body", detail, List.of(), null, null);
  }

  /** 400: samples were refused; {@code errors} says which and why. */
  public static HttpProblem invalidSamples(String detail, List<Rejection> errors) {
    return new HttpProblem(400, "invalid-samples", "Invalid samples", detail, List.copyOf(errors), null, null);
  }

  /** 401 with {@code WWW-Authenticate: Bearer}. */
  public static HttpProblem unauthorized(String detail) {
    return new HttpProblem(401, "unauthorized", "Unauthorized", detail, List.of(), null, "Bearer");
  }

  /** 413: compressed body or decompressed payload over a limit. */
  public static HttpProblem tooLarge(String detail) {
    return new HttpProblem(413, "payload-too-large", "Payload too large", detail, List.of(), null, null);
  }

  /** 408: the sender took longer than allowed to send the body. */
  public static HttpProblem requestTimeout(String detail) {
    return new HttpProblem(408, "request-timeout", "Request timeout", detail, List.of(), null, null);
  }

  /** 415: unsupported Content-Type or Content-Encoding. */
  public static HttpProblem unsupportedMediaType(String detail) {
    return new HttpProblem(415, "unsupported-media-type", "Unsupported media type", detail, List.of(), null, null);
  }

  /** 429: the sender must slow down or change what it sends (series limit), with {@code Retry-After}. */
  public static HttpProblem tooManyRequests(String detail, List<Rejection> errors, Duration retryAfter) {
    return new HttpProblem(429, "too-many-requests", "Too many requests", detail, List.copyOf(errors), retryAfter,
        null);
  }

  /** 503: the collector or engine is overloaded; retry after {@code retryAfter}. */
  public static HttpProblem unavailable(String detail, Duration retryAfter) {
    return new HttpProblem(503, "overloaded", "Service unavailable", detail, List.of(), retryAfter, null);
  }

  /** 500: a bug or an engine failure; the batch changed nothing. */
  public static HttpProblem internal(String detail) {
    return new HttpProblem(500, "internal-error", "Internal error", detail, List.of(), null, null);
  }

  /**
   * This problem with a more precise {@link #reason()} (the {@code reason} tag of the refused-requests
   * metric), e.g. {@code queue_delay} for a 503.
   */
  public HttpProblem withReason(String reason) {
    return new HttpProblem(status, type, title, getMessage(), errors, retryAfter, wwwAuthenticate, reason);
  }

  /** Why the request was refused, snake_case: the problem type unless {@link #withReason} set another. */
  public String reason() {
    return reason;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<Rejection> errors() {
    return errors;
  }

  /** Seconds for the {@code Retry-After} header, or null for none. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The RFC 9457 document. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject()
        .put("type", "urn:glasshouse:problem:" + type)
        .put("title", title)
        .put("status", status)
        .put("detail", getMessage());
    if (!errors.isEmpty()) {
      JsonArray a = new JsonArray();
      for (Rejection r : errors) {
        a.add(new JsonObject().put("reason", r.reason()).put("count", r.count()).put("detail", r.detail()));
      }
      o.put("errors", a);
    }
    return o;
  }

  /** Sets status and the headers common to every error shape ({@code Retry-After}, {@code WWW-Authenticate}). */
  public HttpServerResponse prepare(HttpServerResponse response) {
    response.setStatusCode(status);
    if (retryAfter != null) {
      response.putHeader("Retry-After", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
    }
    if (wwwAuthenticate != null) {
      response.putHeader("WWW-Authenticate", wwwAuthenticate);
    }
    return response;
  }

  /** Writes this problem as {@code application/problem+json}. */
  public void writeProblemJson(HttpServerResponse response) {
    prepare(response).putHeader("Content-Type", PROBLEM_JSON).end(toJson().encode());
  }
}
