package io.glasshouse.rollup.problem;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem document and the one way every Glasshouse HTTP route writes it (collector, read API,
 * capacity routes, the server's own 404): {@code application/problem+json} with {@code type}, {@code title},
 * {@code status}, {@code detail} (what to change), optional extension members, and the headers that go with it
 * ({@code Retry-After}, {@code WWW-Authenticate}).
 *
 * <p>One {@code type} scheme: {@code /problems/<slug>} ({@link #TYPE_PREFIX}), a slug in kebab case naming the
 * kind of problem ({@code bad-parameter}, {@code invalid-samples}, {@code overloaded}, …); the status-page
 * OpenAPI document lists the read API's. Immutable: every {@code with…} returns a new problem.
 */
public final class Problem {
  /** Media type of problem documents. */
  public static final String MEDIA_TYPE = "application/problem+json";
  /** Every {@code type} is this prefix plus a kebab-case slug. */
  public static final String TYPE_PREFIX = "/problems/";

  private final int status;
  private final String slug;
  private final String title;
  private final String detail;
  private final Map<String, Object> members;
  private final Duration retryAfter;
  private final String wwwAuthenticate;

  private Problem(int status, String slug, String title, String detail, Map<String, Object> members,
      Duration retryAfter, String wwwAuthenticate) {
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
    this.members = members;
    this.retryAfter = retryAfter;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /**
   * @param status the HTTP status
   * @param slug the kind of problem in kebab case; the {@code type} is {@code /problems/<slug>}
   * @param title a short summary of the kind, the same for every problem of that slug
   * @param detail what went wrong with this request and what to change
   */
  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(status, slug, title, detail, Map.of(), null, null);
  }

  /** This problem with an extension member ({@code instance}, {@code parameter}, {@code errors}, …). */
  public Problem with(String member, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(members);
    m.put(member, value);
    return new Problem(status, slug, title, detail, m, retryAfter, wwwAuthenticate);
  }

  /** This problem with another HTTP status (the codec's 414 and 431 share a kind with 400). */
  public Problem withStatus(int status) {
    return new Problem(status, slug, title, detail, members, retryAfter, wwwAuthenticate);
  }

  /** This problem answered with {@code Retry-After} in whole seconds, rounded up, at least 1. */
  public Problem withRetryAfter(Duration retryAfter) {
    return new Problem(status, slug, title, detail, members, retryAfter, wwwAuthenticate);
  }

  /** This problem answered with {@code WWW-Authenticate: <challenge>}. */
  public Problem withAuthenticate(String challenge) {
    return new Problem(status, slug, title, detail, members, retryAfter, challenge);
  }

  public int status() {
    return status;
  }

  /** {@code /problems/<slug>}. */
  public String type() {
    return TYPE_PREFIX + slug;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** The document. */
  public JsonObject toJson() {
    JsonObject o = new JsonObject().put("type", type()).put("title", title).put("status", status)
        .put("detail", detail);
    members.forEach(o::put);
    return o;
  }

  /** Sets the status and this problem's headers, for error shapes other than problem+json (OTLP's Status). */
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

  /** Writes this problem as the whole answer: status, headers, {@code application/problem+json} body. */
  public void write(HttpServerResponse response) {
    prepare(response).putHeader("Content-Type", MEDIA_TYPE).end(toJson().encode());
  }
}
