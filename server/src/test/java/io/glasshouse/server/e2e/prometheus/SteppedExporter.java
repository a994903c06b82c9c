package io.glasshouse.server.e2e.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * An exporter on loopback whose values move only when the test steps it, each reading served with the step's
 * timestamp, and which records which scrapers (by {@code User-Agent}) fetched the current step. So two scrapers
 * that each fetched every step stored exactly the same readings, whenever each scraped: Prometheus and Glasshouse
 * can be compared sample for sample. Counters can restart from zero at the next step, as when the process restarts.
 */
final class SteppedExporter implements AutoCloseable {
  static final double[] LE = {0.1, 0.5, 1};
  static final double[] OBSERVED = {0.0625, 0.25, 0.75, 2.0};

  final int index;
  final int port;
  private final HttpServer server;
  private final Set<String> seenBy = new HashSet<>();
  private double ok;
  private double errors;
  private long[] perValue = new long[OBSERVED.length];
  private boolean restartAtNextStep;
  private String body;

  SteppedExporter(int index, int port) {
    this.index = index;
    this.port = port;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] b = fetch(String.valueOf(exchange.getRequestHeaders().getFirst("User-Agent")));
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, b.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(b);
      }
    });
  }

  void start() {
    server.start();
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  private synchronized byte[] fetch(String userAgent) {
    if (body == null) {
      return new byte[0];
    }
    seenBy.add(userAgent.startsWith("Prometheus") ? "prometheus" : userAgent.startsWith("Glasshouse") ? "glasshouse"
        : userAgent);
    return body.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether Prometheus and Glasshouse both fetched the current step. */
  synchronized boolean seenByBoth() {
    return seenBy.contains("prometheus") && seenBy.contains("glasshouse");
  }

  /** The next step starts the counters from zero. */
  synchronized void restart() {
    restartAtNextStep = true;
  }

  /** Moves the values by step {@code k}, stamped now. */
  synchronized void step(int k) {
    if (restartAtNextStep) {
      ok = 0;
      errors = 0;
      perValue = new long[OBSERVED.length];
      restartAtNextStep = false;
    }
    ok += (k * (index + 3)) % 5 + 1;
    errors += (k + index) % 3 == 0 ? 1 : 0;
    for (int j = 0; j < OBSERVED.length; j++) {
      perValue[j] += (k * (index + 2) + j * 5) % 3;
    }
    long ts = System.currentTimeMillis(); // the fixture's reading time, served explicitly to both scrapers
    String t = " " + ts + "\n";
    StringBuilder sb = new StringBuilder();
    sb.append("# TYPE requests_total counter\n");
    sb.append("requests_total{code=\"200\"} ").append(num(ok)).append(t);
    sb.append("requests_total{code=\"500\"} ").append(num(errors)).append(t);
    sb.append("# TYPE request_duration_seconds histogram\n");
    long count = 0;
    double sum = 0;
    long[] cumulative = new long[LE.length];
    for (int j = 0; j < OBSERVED.length; j++) {
      count += perValue[j];
      sum += perValue[j] * OBSERVED[j];
      for (int b = 0; b < LE.length; b++) {
        if (OBSERVED[j] <= LE[b]) {
          cumulative[b] += perValue[j];
        }
      }
    }
    for (int b = 0; b < LE.length; b++) {
      sb.append("request_duration_seconds_bucket{le=\"").append(num(LE[b])).append("\"} ").append(cumulative[b])
          .append(t);
    }
    sb.append("request_duration_seconds_bucket{le=\"+Inf\"} ").append(count).append(t);
    sb.append("request_duration_seconds_sum ").append(num(sum)).append(t);
    sb.append("request_duration_seconds_count ").append(count).append(t);
    body = sb.toString();
    seenBy.clear();
  }

  static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
