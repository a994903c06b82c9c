package io.glasshouse.server.e2e;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The read API as a program uses it: {@code GET /api/v1/services/{s}/metrics/{m}/query}. Every query here asks
 * for one step window covering the whole UTC day around {@code at}, so each series has one point: the total
 * over everything the test sent.
 */
public final class ReadApi {
  private final WebClient client;
  private final int port;

  public ReadApi(WebClient client, int port) {
    this.client = client;
    this.port = port;
  }

  /** The single point of the one summed series, or {@code null} when the query found no data. */
  public Double value(String service, String metric, Instant at, String fn, String... params) {
    JsonArray series = query(service, metric, at, fn, params).getJsonArray("series");
    if (series.isEmpty()) {
      return null;
    }
    if (series.size() != 1) {
      throw new AssertionError("expected one series, got " + series.encode());
    }
    return onePoint(series.getJsonObject(0));
  }

  /** The single point of each series grouped by {@code by}, keyed by the values of those labels joined by '/'. */
  public Map<String, Double> valuesBy(String service, String metric, Instant at, String fn, String by) {
    JsonObject r = query(service, metric, at, fn, "by", by);
    Map<String, Double> out = new HashMap<>();
    for (Object o : r.getJsonArray("series")) {
      JsonObject s = (JsonObject) o;
      StringBuilder key = new StringBuilder();
      for (String l : by.split(",")) {
        key.append(key.length() == 0 ? "" : "/").append(s.getJsonObject("labels").getString(l));
      }
      out.put(key.toString(), onePoint(s));
    }
    return out;
  }

  /**
   * Counter increase over the day before and after {@code at}, summed over all points, per group of {@code by}
   * (or the one summed series under key "" when {@code by} is null). For servers on the real clock.
   */
  public Map<String, Double> increaseBy(String service, String metric, Instant at, String by) {
    HttpRequest<Buffer> req = client.get(port, "127.0.0.1",
            "/api/v1/services/" + service + "/metrics/" + metric + "/query")
        .addQueryParam("fn", "increase")
        .addQueryParam("from", at.minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString())
        .addQueryParam("to", at.plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString())
        .addQueryParam("step", "1440m");
    if (by != null) {
      req.addQueryParam("by", by);
    }
    Map<String, Double> out = new HashMap<>();
    for (Object o : ok(req.send()).getJsonArray("series")) {
      JsonObject s = (JsonObject) o;
      double sum = 0;
      for (Object p : s.getJsonArray("points")) {
        sum += ((JsonObject) p).getDouble("v");
      }
      out.put(by == null ? "" : s.getJsonObject("labels").getString(by), sum);
    }
    return out;
  }

  private static Double onePoint(JsonObject series) {
    JsonArray points = series.getJsonArray("points");
    if (points.size() != 1) {
      throw new AssertionError("expected one point per series, got " + series.encode());
    }
    return points.getJsonObject(0).getDouble("v");
  }

  /** The raw query answer; fails the test unless it is a 200. */
  public JsonObject query(String service, String metric, Instant at, String fn, String... params) {
    Instant day = at.truncatedTo(ChronoUnit.DAYS);
    HttpRequest<Buffer> req = client.get(port, "127.0.0.1",
            "/api/v1/services/" + service + "/metrics/" + metric + "/query")
        .addQueryParam("fn", fn)
        .addQueryParam("from", day.toString())
        .addQueryParam("to", day.plus(1, ChronoUnit.DAYS).toString())
        .addQueryParam("step", "1440m");
    for (int i = 0; i < params.length; i += 2) {
      req.addQueryParam(params[i], params[i + 1]);
    }
    return ok(req.send());
  }

  /** {@code GET /api/v1/services/{s}/instances}. */
  public JsonObject instances(String service) {
    return ok(client.get(port, "127.0.0.1", "/api/v1/services/" + service + "/instances").send());
  }

  /** {@code GET /api/v1/services}. */
  public JsonObject services() {
    return ok(client.get(port, "127.0.0.1", "/api/v1/services").send());
  }

  private static JsonObject ok(Future<HttpResponse<Buffer>> f) {
    HttpResponse<Buffer> r = Await.result(f);
    if (r.statusCode() != 200) {
      throw new AssertionError("read API answered " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }
}
