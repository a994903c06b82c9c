package io.glasshouse.collector;

import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.sample.Protocol;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The collector's own metrics. Names as Micrometer meters, and as Prometheus exposes them:
 *
 * <ul>
 *   <li>{@code glasshouse.ingest.samples.received{protocol}} ({@code glasshouse_ingest_samples_received_total}):
 *       samples decoded from request bodies, before validation. Bodies refused as a whole before decoding
 *       (401, 413, 415, undecodable 400) add nothing here.</li>
 *   <li>{@code glasshouse.ingest.samples.accepted{protocol}}: samples the rollup engine applied durably.</li>
 *   <li>{@code glasshouse.ingest.samples.rejected{protocol,reason}}: samples refused, by
 *       {@link io.glasshouse.collector.validate.Reasons reason}, plus {@code batch_rejected} (valid samples
 *       refused with an atomic remote-write or JSON batch because others in it were invalid),
 *       {@code series_limit}, {@code overloaded} (batch answered 503: the sender retries it) and
 *       {@code internal_error}.</li>
 *   <li>{@code glasshouse.ingest.samples.dropped{protocol,reason}}: samples dropped on purpose, not errors:
 *       {@code stale_marker} (Prometheus "series ended"), {@code no_recorded_value} (OTLP flag).</li>
 *   <li>{@code glasshouse.ingest.requests{protocol,status}} ({@code glasshouse_ingest_requests_total}): answered
 *       requests by HTTP status.</li>
 *   <li>{@code glasshouse.ingest.requests.refused{protocol,reason}}
 *       ({@code glasshouse_ingest_requests_refused_total}): requests answered 4xx/5xx, by why: {@code unauthorized},
 *       {@code unsupported_media_type}, {@code undecodable_body}, {@code invalid_samples} (atomic batch with
 *       invalid samples), {@code body_too_large}, {@code decompressed_too_large}, {@code request_too_large}
 *       (samples or buckets over the request limits), {@code body_timeout} (408: slow sender),
 *       {@code in_flight}, {@code in_flight_per_token}, {@code queue_full}, {@code queue_delay},
 *       {@code engine_overloaded}, {@code draining} (503s), {@code too_many_requests} (series limit),
 *       {@code internal_error}.</li>
 *   <li>{@code glasshouse.ingest.decoded.on.worker{protocol}}: request bodies decompressed and decoded on the
 *       {@code glasshouse-ingest-decode} worker pool (above {@code collector.decode-on-worker-above-bytes}).</li>
 *   <li>{@code glasshouse.ingest.latency{protocol}} ({@code glasshouse_ingest_latency_seconds}): request received
 *       to answer written, which includes waiting for the engine to make the batch durable.</li>
 * </ul>
 *
 * <h2>Key relationships</h2>
 *
 * <ul>
 *   <li>{@code received == accepted + rejected + dropped} per protocol once no request is in flight. A gap that
 *       keeps growing is a collector bug (a path that neither accepts nor accounts for samples).</li>
 *   <li>Samples rejected as {@code overloaded} are usually sent again by the sender, so {@code received} can
 *       exceed the number of distinct samples; {@code accepted} never counts a sample twice.</li>
 *   <li>{@code sum(requests)} by status: {@code 2xx} should dominate. For remote write and JSON, one invalid
 *       sample fails the whole request, so {@code rate(requests{status="400"}) > 0} means some sender loses
 *       whole batches: read the reasons in {@code rejected} and the {@code detail} returned to the sender.
 *       OTLP answers 200 with partial success, so watch {@code rejected{protocol="otlp"}} instead.</li>
 * </ul>
 *
 * <h2>When to alert</h2>
 *
 * <ul>
 *   <li>Page: {@code rate(rejected{reason="overloaded"}[5m]) > 0} or {@code rate(requests{status="503"}[5m]) > 0}
 *       for 10 minutes: the engine or disk cannot keep up, senders are buffering and will start dropping.
 *       {@code refused{reason="queue_delay"}} says the engine is slow, {@code queue_full} that it is behind,
 *       {@code in_flight} that requests pile up before the engine.</li>
 *   <li>Ticket: {@code rate(refused{reason=~"body_timeout|in_flight_per_token"}[15m]) > 0}: a sender (or a
 *       client holding a token) sends slowly or hogs connections.</li>
 *   <li>Ticket: {@code rate(rejected{reason!~"overloaded|batch_rejected"}[15m]) > 0}: a sender is
 *       misconfigured ({@code missing_service}, label problems, {@code series_limit}); {@code too_old} or
 *       {@code in_future} together mean clock skew on the senders or here.</li>
 *   <li>Ticket: {@code rate(requests{status="401"}[15m]) > 0}: a sender lacks the current ingest token.</li>
 *   <li>Ticket: {@code rate(requests{status="413"}[15m]) > 0}: a sender batches more than the body limits.</li>
 *   <li>Latency p99 above a few hundred milliseconds means the durability path (journal fsync) is slow.</li>
 * </ul>
 *
 * <p>Thread-safe; meters are cached, so recording does not allocate after the first use of a tag set.
 */
public final class CollectorMetrics {
  public static final String RECEIVED = "glasshouse.ingest.samples.received";
  public static final String ACCEPTED = "glasshouse.ingest.samples.accepted";
  public static final String REJECTED = "glasshouse.ingest.samples.rejected";
  public static final String DROPPED = "glasshouse.ingest.samples.dropped";
  public static final String REQUESTS = "glasshouse.ingest.requests";
  public static final String LATENCY = "glasshouse.ingest.latency";
  public static final String REFUSED = "glasshouse.ingest.requests.refused";
  public static final String DECODED_ON_WORKER = "glasshouse.ingest.decoded.on.worker";

  /** Reason of valid samples refused together with invalid ones in an atomic batch. */
  public static final String BATCH_REJECTED = "batch_rejected";
  /** Reason of samples in batches answered 503. */
  public static final String OVERLOADED = "overloaded";
  /** Reason of samples in batches the engine failed unexpectedly. */
  public static final String INTERNAL_ERROR = "internal_error";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<Protocol, Timer> latency = new ConcurrentHashMap<>();

  public CollectorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void received(Protocol p, int samples) {
    add(RECEIVED, p, null, null, samples);
  }

  public void accepted(Protocol p, int samples) {
    add(ACCEPTED, p, null, null, samples);
  }

  public void rejected(Protocol p, String reason, int samples) {
    add(REJECTED, p, "reason", reason, samples);
  }

  public void rejected(Protocol p, List<Rejection> rejections) {
    for (Rejection r : rejections) {
      rejected(p, r.reason(), r.count());
    }
  }

  public void dropped(Protocol p, Map<String, Integer> byReason) {
    byReason.forEach((reason, n) -> add(DROPPED, p, "reason", reason, n));
  }

  /** One request refused as a whole (any 4xx/5xx answer), by {@code reason}. */
  public void refused(Protocol p, String reason) {
    add(REFUSED, p, "reason", reason, 1);
  }

  /** One request body decompressed and decoded on the worker pool rather than the event loop. */
  public void decodedOnWorker(Protocol p) {
    add(DECODED_ON_WORKER, p, null, null, 1);
  }

  /** One answered request: its status and the time from {@code startNanos} (monotonic) to now. */
  public void answered(Protocol p, int status, long startNanos, long endNanos) {
    add(REQUESTS, p, "status", Integer.toString(status), 1);
    latency.computeIfAbsent(p, k -> Timer.builder(LATENCY)
            .description("Ingest request received to answered, including the engine's durable commit")
            .tag("protocol", k.tag())
            .register(registry))
        .record(endNanos - startNanos, TimeUnit.NANOSECONDS);
  }

  private void add(String name, Protocol p, String tag, String value, int amount) {
    if (amount <= 0) {
      return;
    }
    String key = name + '|' + p.tag() + '|' + value;
    counters.computeIfAbsent(key, k -> {
      Counter.Builder b = Counter.builder(name).tag("protocol", p.tag());
      if (tag != null) {
        b.tag(tag, value);
      }
      return b.register(registry);
    }).increment(amount);
  }
}
