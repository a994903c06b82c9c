package io.glasshouse.bench.readload;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code readload}: read-API queries as fast as the server answers, from {@code --concurrency} threads, over the
 * series the load generator creates ({@code job} = {@code svc-0..4}). Each thread cycles through: a service
 * listing, a per-status rate of {@code http_server_requests_total} over the last hour grouped by uri (every series
 * of the service), a regex-matched 5xx rate ({@code status=~"5.."}), and, with {@code --mix histograms|mixed}, a
 * p99 of {@code http_server_requests_seconds}. Run it next to {@code loadgen} to see what reads cost ingest.
 * Reports queries/s, latency p50/p99 and answers by status; the last line is {@code RESULT key=value …}.
 */
public final class ReadLoad {
  private ReadLoad() {
  }

  public static int run(String[] args) throws Exception {
    Map<String, String> o = new TreeMap<>(Map.of("--target", "http://127.0.0.1:18080", "--concurrency", "4",
        "--duration", "30", "--warmup", "20", "--mix", "counters"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    URI base = URI.create(o.get("--target"));
    int threads = Integer.parseInt(o.get("--concurrency"));
    long warmupMs = seconds(o.get("--warmup")) * 1000;
    long durationMs = seconds(o.get("--duration")) * 1000;
    boolean histograms = !o.get("--mix").equals("counters");
    List<String> paths = new ArrayList<>();
    for (int s = 0; s < 5; s++) {
      String svc = "/api/v1/services/svc-" + s;
      paths.add("/api/v1/services");
      paths.add(svc + "/metrics/http_server_requests_total/query?fn=rate&by=" + enc("uri"));
      paths.add(svc + "/metrics/http_server_requests_total/query?fn=increase&step=5m&match="
          + enc("status=~\"5..\",uri!~\".*health.*\""));
      if (histograms) {
        paths.add(svc + "/metrics/http_server_requests_seconds/query?fn=p99&by=" + enc("uri"));
      }
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Histogram latency = new ConcurrentHistogram(1, 600_000_000L, 2);
    LongAdder queries = new LongAdder();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicLong cells = new AtomicLong();
    long start = System.currentTimeMillis();
    long measureFrom = start + warmupMs;
    long end = measureFrom + durationMs;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      Thread w = new Thread(() -> {
        int i = offset;
        while (System.currentTimeMillis() < end) {
          String path = paths.get(i++ % paths.size());
          long t0 = System.nanoTime();
          int status;
          int bytes = 0;
          try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            status = r.statusCode();
            bytes = r.body().length;
          } catch (Exception e) {
            status = -1;
          }
          long took = (System.nanoTime() - t0) / 1000;
          if (System.currentTimeMillis() >= measureFrom) {
            latency.recordValue(Math.min(took, 600_000_000L));
            queries.increment();
            cells.addAndGet(bytes);
            statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
          }
        }
      }, "readload-" + t);
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
    double secs = durationMs / 1000.0;
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((k, v) -> byStatus.put(k, v.sum()));
    System.out.printf("readload: %d threads, %d query shapes, %.0f s measured after %.0f s warm-up%n", threads,
        paths.size(), secs, warmupMs / 1000.0);
    System.out.printf("queries/s %.1f  latency p50 %.1f ms  p99 %.1f ms  answers %s  bytes/s %.0f%n",
        queries.sum() / secs, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        byStatus, cells.get() / secs);
    System.out.printf("RESULT queries_per_s=%.1f p50_ms=%.1f p99_ms=%.1f ok=%d errors=%d%n", queries.sum() / secs,
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
        byStatus.getOrDefault(200, 0L), queries.sum() - byStatus.getOrDefault(200, 0L));
    return 0;
  }

  private static long seconds(String s) {
    return Long.parseLong(s.endsWith("s") ? s.substring(0, s.length() - 1) : s);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
