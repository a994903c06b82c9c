package io.glasshouse.bench.soak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the service's per-minute totals from the read API ({@code fn=increase} by {@code status} for
 * {@code requests_total}, {@code fn=count} for {@code latency_seconds}, step 1m) and compares them, minute by
 * minute, with the {@link Tally}.
 */
final class ReadBack {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  ReadBack(String base) {
    this.base = base;
  }

  /** Per compared series (the tally's keys), minute start → the server's value. */
  Map<String, TreeMap<Long, Double>> read(List<String> services, long fromMs, long toMs)
      throws IOException, InterruptedException {
    Map<String, TreeMap<Long, Double>> out = new HashMap<>();
    for (String svc : services) {
      JsonObject req = query(svc, "requests_total", "increase", "&by=status", fromMs, toMs);
      for (Object o : req.getJsonArray("series")) {
        JsonObject s = (JsonObject) o;
        points(s.getJsonArray("points"), out.computeIfAbsent(
            svc + "|requests_total|" + s.getJsonObject("labels").getString("status"), k -> new TreeMap<>()));
      }
      JsonObject hist = query(svc, "latency_seconds", "count", "", fromMs, toMs);
      for (Object o : hist.getJsonArray("series")) {
        points(((JsonObject) o).getJsonArray("points"),
            out.computeIfAbsent(svc + "|latency_seconds|count", k -> new TreeMap<>()));
      }
    }
    return out;
  }

  private JsonObject query(String svc, String metric, String fn, String extra, long fromMs, long toMs)
      throws IOException, InterruptedException {
    String uri = base + "/api/v1/services/" + enc(svc) + "/metrics/" + metric + "/query?fn=" + fn + extra
        + "&step=1m&from=" + enc(Instant.ofEpochMilli(fromMs).toString())
        + "&to=" + enc(Instant.ofEpochMilli(toMs).toString());
    HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + resp.statusCode() + ": " + resp.body());
    }
    return new JsonObject(resp.body());
  }

  private static void points(JsonArray points, TreeMap<Long, Double> into) {
    for (Object p : points) {
      JsonObject pt = (JsonObject) p;
      long end = Instant.parse(pt.getString("t")).toEpochMilli();
      into.merge(end - 60_000L, pt.getDouble("v"), Double::sum);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Prints, per simulated minute, the tally and the server's totals over every compared series and their
   * difference, then per series the sums and every minute that differs; returns the number of differing cells.
   */
  static int compare(Map<String, TreeMap<Long, Long>> tally, Map<String, TreeMap<Long, Double>> server, long t0,
                     PrintStream out, boolean perMinute) {
    TreeSet<String> series = new TreeSet<>(tally.keySet());
    series.addAll(server.keySet());
    TreeSet<Long> minutes = new TreeSet<>();
    tally.values().forEach(m -> minutes.addAll(m.keySet()));
    server.values().forEach(m -> minutes.addAll(m.keySet()));
    int differing = 0;
    StringBuilder diffs = new StringBuilder();
    if (perMinute) {
      out.printf("  %-8s %12s %12s %8s%n", "minute", "tally", "server", "diff");
    }
    for (long m : minutes) {
      long t = 0;
      double s = 0;
      for (String k : series) {
        long tv = tally.getOrDefault(k, new TreeMap<>()).getOrDefault(m, 0L);
        double sv = server.getOrDefault(k, new TreeMap<>()).getOrDefault(m, 0.0);
        t += tv;
        s += sv;
        if (tv != sv) {
          differing++;
          diffs.append(String.format("  DIFF %-34s minute +%-4d tally %d server %s diff %s%n", k,
              (m - t0) / 60_000L, tv, fmt(sv), fmt(sv - tv)));
        }
      }
      if (perMinute) {
        out.printf("  +%-7d %12d %12s %8s%n", (m - t0) / 60_000L, t, fmt(s), fmt(s - t));
      }
    }
    for (String k : series) {
      long t = tally.getOrDefault(k, new TreeMap<>()).values().stream().mapToLong(Long::longValue).sum();
      double s = server.getOrDefault(k, new TreeMap<>()).values().stream().mapToDouble(Double::doubleValue).sum();
      out.printf("  %-34s tally %10d  server %12s  diff %s%n", k, t, fmt(s), fmt(s - t));
    }
    out.print(diffs);
    return differing;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
