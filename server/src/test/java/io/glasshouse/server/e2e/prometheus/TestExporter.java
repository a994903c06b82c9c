package io.glasshouse.server.e2e.prometheus;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a small exporter served on loopback in the Prometheus text format: a counter, a gauge, a summary
 * whose quantiles are NaN (as Prometheus client summaries without observations report them) and a classic
 * histogram. Every scrape advances the instance by one step of a fixed schedule and is served with explicit
 * timestamps, so the test knows exactly which reading Prometheus stored at which time; after the last step the
 * final reading is served again unchanged (Prometheus drops it as a duplicate). Counters can be reset at a given
 * step, as when the process restarts.
 */
final class TestExporter implements AutoCloseable {
  /** Upper bounds of the histogram's finite buckets. */
  static final double[] LE = {0.05, 0.1, 0.25, 0.5, 1};
  /** The values observed; exact binary fractions so sums stay exact. */
  static final double[] OBSERVED = {0.03125, 0.0625, 0.25, 0.375, 0.75, 2.0};

  /** One served reading of every series. */
  record Reading(long timestampMs, double requests, double gauge, long[] cumulativeBuckets, long count, double sum,
      long summaryCount, double summarySum) {
  }

  final int index;
  final int steps;
  final int resetAtStep;
  private final HttpServer server;
  private final List<Reading> served = new ArrayList<>();
  private double requests;
  private long[] perValue = new long[OBSERVED.length];
  private long summaryCount;
  private double summarySum;
  private String frozenBody;

  /**
   * @param index instance number, which varies the schedule
   * @param steps number of scrapes that advance the schedule
   * @param resetAtStep step at which the counters start again from zero, or -1
   */
  TestExporter(int index, int port, int steps, int resetAtStep) {
    this.index = index;
    this.steps = steps;
    this.resetAtStep = resetAtStep;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/metrics", exchange -> {
      byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
  }

  void start() {
    server.start();
  }

  synchronized List<Reading> served() {
    return List.copyOf(served);
  }

  synchronized boolean finished() {
    return served.size() >= steps;
  }

  private synchronized String scrape() {
    if (frozenBody != null) {
      return frozenBody;
    }
    int k = served.size();
    if (k == resetAtStep) {
      requests = 0;
      perValue = new long[OBSERVED.length];
      summaryCount = 0;
      summarySum = 0;
    }
    requests += (k * (index + 2)) % 7 + 1;
    for (int j = 0; j < OBSERVED.length; j++) {
      perValue[j] += (k * (index + 3) + j * 7) % 4;
    }
    summaryCount += k % 3;
    summarySum += (k % 3) * 0.5;
    double gauge = (k * 3 + index * 5) % 11;
    long ts = System.currentTimeMillis(); // Prometheus stores what the exporter says; this is the test's fixture
    long[] cumulative = new long[LE.length];
    long count = 0;
    double sum = 0;
    for (int j = 0; j < OBSERVED.length; j++) {
      count += perValue[j];
      sum += perValue[j] * OBSERVED[j];
      for (int b = 0; b < LE.length; b++) {
        if (OBSERVED[j] <= LE[b]) {
          cumulative[b] += perValue[j];
        }
      }
    }
    Reading r = new Reading(ts, requests, gauge, cumulative, count, sum, summaryCount, summarySum);
    served.add(r);
    String body = render(r);
    if (served.size() >= steps) {
      frozenBody = body;
    }
    return body;
  }

  private static String render(Reading r) {
    String t = " " + r.timestampMs() + "\n";
    StringBuilder sb = new StringBuilder();
    sb.append("# HELP requests_total Requests served.\n# TYPE requests_total counter\n");
    sb.append("requests_total{code=\"200\"} ").append(num(r.requests())).append(t);
    sb.append("# HELP queue_depth Jobs waiting.\n# TYPE queue_depth gauge\n");
    sb.append("queue_depth ").append(num(r.gauge())).append(t);
    sb.append("# HELP rpc_duration_seconds RPC latency.\n# TYPE rpc_duration_seconds summary\n");
    sb.append("rpc_duration_seconds{quantile=\"0.5\"} NaN").append(t);
    sb.append("rpc_duration_seconds{quantile=\"0.99\"} NaN").append(t);
    sb.append("rpc_duration_seconds_sum ").append(num(r.summarySum())).append(t);
    sb.append("rpc_duration_seconds_count ").append(r.summaryCount()).append(t);
    sb.append("# HELP request_duration_seconds Request latency.\n# TYPE request_duration_seconds histogram\n");
    for (int b = 0; b < LE.length; b++) {
      sb.append("request_duration_seconds_bucket{le=\"").append(num(LE[b])).append("\"} ")
          .append(r.cumulativeBuckets()[b]).append(t);
    }
    sb.append("request_duration_seconds_bucket{le=\"+Inf\"} ").append(r.count()).append(t);
    sb.append("request_duration_seconds_sum ").append(num(r.sum())).append(t);
    sb.append("request_duration_seconds_count ").append(r.count()).append(t);
    return sb.toString();
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
