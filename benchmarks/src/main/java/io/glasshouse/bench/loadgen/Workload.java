package io.glasshouse.bench.loadgen;

import java.util.ArrayList;
import java.util.List;

/**
 * The series every simulated instance exposes. Instances are identical (as in a Glasshouse fleet): each has the
 * same items and differs only in its {@code job}/{@code service} ({@code svc-<i % 5>}) and {@code instance}.
 *
 * <p>An item is a counter, a gauge or a latency histogram with labels {@code method}, {@code status},
 * {@code uri} (and {@code shard} past 700 items of one family). A histogram costs {@link #HISTOGRAM_SERIES}
 * series in remote write (12 {@code _bucket}, {@code _sum}, {@code _count}) and one point in OTLP.
 */
public final class Workload {
  /** Explicit histogram bounds, in seconds (Micrometer/Prometheus client defaults, trimmed). */
  public static final double[] BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  /** Remote-write series of one classic histogram: a bucket per bound, +Inf, _sum and _count. */
  public static final int HISTOGRAM_SERIES = BOUNDS.length + 3;

  static final String[] COUNTERS = {"http_server_requests_total", "http_client_requests_total", "db_queries_total",
      "cache_gets_total", "messages_consumed_total", "logback_events_total", "tomcat_sessions_created_total",
      "jvm_gc_pauses_total"};
  static final String[] OTLP_COUNTERS = {"app.requests", "http.client.calls", "db.queries", "cache.gets",
      "messages.consumed", "logback.events", "tomcat.sessions.created", "jvm.gc.pauses"};
  static final String[] GAUGES = {"jvm_memory_used_bytes", "process_cpu_usage", "db_pool_active_connections",
      "queue_depth", "jvm_threads_live", "cache_size"};
  static final String[] OTLP_GAUGES = {"jvm.memory.used", "process.cpu.usage", "db.pool.active.connections",
      "queue.depth", "jvm.threads.live", "cache.size"};
  static final String[] HISTOGRAMS = {"http_server_requests_seconds", "http_client_requests_seconds",
      "db_query_seconds"};
  static final String[] OTLP_HISTOGRAMS = {"http.server.requests", "http.client.requests", "db.query"};
  static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  static final String[] STATUSES = {"200", "201", "204", "400", "404", "500", "503"};
  static final String[] URIS = {"/api/v1/orders", "/api/v1/orders/{id}", "/api/v1/orders/{id}/items",
      "/api/v1/customers", "/api/v1/customers/{id}", "/api/v1/invoices", "/api/v1/invoices/{id}",
      "/api/v1/products", "/api/v1/products/{id}", "/api/v1/search", "/api/v1/cart", "/api/v1/cart/items",
      "/api/v1/checkout", "/api/v1/payments", "/api/v1/payments/{id}", "/api/v1/shipments",
      "/api/v1/shipments/{id}", "/api/v1/users/me", "/api/v1/sessions", "/api/v1/reports", "/api/v1/exports",
      "/api/v1/imports", "/api/v1/webhooks", "/health", "/login"};
  private static final int COMBOS = METHODS.length * STATUSES.length * URIS.length;

  /** Kind of an item. */
  public enum Kind {
    COUNTER, GAUGE, HISTOGRAM
  }

  /** One counter, gauge or histogram of an instance, with its labels. */
  public record Item(Kind kind, String promName, String otlpName, String method, String status, String uri,
      String shard) {
  }

  private final int instances;
  private final List<Item> items;
  private final int seriesPerInstance;

  private Workload(int instances, List<Item> items, int seriesPerInstance) {
    this.instances = instances;
    this.items = items;
    this.seriesPerInstance = seriesPerInstance;
  }

  /**
   * The items of an instance with {@code series} series of the given mix; for remote write a histogram uses
   * {@link #HISTOGRAM_SERIES} of them (series left over become counters), for OTLP one.
   */
  public static Workload of(int instances, int series, Mix mix, boolean remoteWrite) {
    int histCost = remoteWrite ? HISTOGRAM_SERIES : 1;
    int gauges = (int) Math.round(series * mix.gauges);
    int histograms = (int) Math.floor(series * mix.histograms / histCost);
    int counters = series - gauges - histograms * histCost;
    List<Item> items = new ArrayList<>();
    for (int k = 0; k < counters; k++) {
      items.add(item(Kind.COUNTER, COUNTERS, OTLP_COUNTERS, k));
    }
    for (int k = 0; k < gauges; k++) {
      items.add(item(Kind.GAUGE, GAUGES, OTLP_GAUGES, k));
    }
    for (int k = 0; k < histograms; k++) {
      items.add(item(Kind.HISTOGRAM, HISTOGRAMS, OTLP_HISTOGRAMS, k));
    }
    return new Workload(instances, List.copyOf(items), series);
  }

  private static Item item(Kind kind, String[] prom, String[] otlp, int k) {
    int family = k % prom.length;
    int combo = k / prom.length;
    String shard = combo >= COMBOS ? Integer.toString(combo / COMBOS) : null;
    combo %= COMBOS;
    String method = METHODS[combo % METHODS.length];
    combo /= METHODS.length;
    String status = STATUSES[combo % STATUSES.length];
    combo /= STATUSES.length;
    return new Item(kind, prom[family], otlp[family], method, status, URIS[combo], shard);
  }

  public int instances() {
    return instances;
  }

  public List<Item> items() {
    return items;
  }

  public int seriesPerInstance() {
    return seriesPerInstance;
  }

  /** Series (remote write) or points (OTLP) one item contributes to a request. */
  public static int cost(Item item, boolean remoteWrite) {
    return remoteWrite && item.kind() == Kind.HISTOGRAM ? HISTOGRAM_SERIES : 1;
  }

  /** The {@code job} / {@code service.name} of instance {@code i}. */
  public static String service(int i) {
    return "svc-" + (i % 5);
  }

  /** The {@code instance} / {@code service.instance.id} of instance {@code i}. */
  public static String instance(int i) {
    return "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255) + ":8080";
  }

  /** A run of consecutive items of one instance inside a request body. */
  public record Part(int instance, int fromItem, int toItem) {
  }

  /**
   * Splits all instances' items into request bodies of at most {@code samplesPerRequest} samples (at least one
   * item each; a histogram is never split across bodies).
   */
  public List<List<Part>> chunks(int samplesPerRequest, boolean remoteWrite) {
    List<List<Part>> bodies = new ArrayList<>();
    List<Part> current = new ArrayList<>();
    int inBody = 0;
    for (int i = 0; i < instances; i++) {
      int from = 0;
      for (int k = 0; k < items.size(); k++) {
        int c = cost(items.get(k), remoteWrite);
        if (inBody > 0 && inBody + c > samplesPerRequest) {
          if (k > from) {
            current.add(new Part(i, from, k));
          }
          bodies.add(current);
          current = new ArrayList<>();
          inBody = 0;
          from = k;
        }
        inBody += c;
      }
      if (items.size() > from) {
        current.add(new Part(i, from, items.size()));
      }
    }
    if (!current.isEmpty()) {
      bodies.add(current);
    }
    return bodies;
  }
}
