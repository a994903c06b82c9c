package io.glasshouse.collector;

import io.glasshouse.collector.http.InFlightLimiter;
import io.glasshouse.collector.http.InvalidRequests;
import io.glasshouse.collector.http.LoadShedder;
import io.glasshouse.collector.remotewrite.MetricFamilies;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.ingest.SampleSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP entry point: mounts the ingest endpoints on a router.
 *
 * <ul>
 *   <li>{@code POST /v1/metrics}: OTLP/HTTP metrics (protobuf or JSON, optionally gzip), not atomic: refused
 *       points come back in {@code partial_success}.</li>
 *   <li>{@code POST /api/v1/write}: Prometheus remote write 1.0 (snappy protobuf, atomic, 204) and 2.0
 *       (partial, 204 or 400 with the written-samples headers).</li>
 *   <li>{@code POST /api/v1/ingest}: the JSON batch format (see the collector README), atomic, 200.</li>
 * </ul>
 *
 * <p>Contract: a 2xx answer is sent only after the sink's future succeeded, that is once the batch is durable.
 * Every refusal is a 4xx/5xx with a detail saying what to change ({@code application/problem+json}, or
 * {@code google.rpc.Status} for OTLP), and a refused atomic batch hands nothing to the sink.
 */
public final class CollectorRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorRoutes.class);
  private static final AtomicBoolean WARNED_OPEN = new AtomicBoolean();

  /** OTLP/HTTP metrics path. */
  public static final String OTLP_PATH = "/v1/metrics";
  /** Prometheus remote write path. */
  public static final String REMOTE_WRITE_PATH = "/api/v1/write";
  /** JSON batch path. */
  public static final String JSON_PATH = "/api/v1/ingest";

  /** Remote-write metric families per sink: every event loop feeding one engine shares what metadata said. */
  private static final Map<SampleSink, MetricFamilies> FAMILIES = Collections.synchronizedMap(new WeakHashMap<>());

  private CollectorRoutes() {
  }

  static MetricFamilies families(SampleSink sink) {
    return FAMILIES.computeIfAbsent(sink, k -> new MetricFamilies());
  }

  /**
   * Mounts /v1/metrics, /api/v1/write, /api/v1/ingest on one router with limits of its own. A server with several
   * event-loop routers uses {@link #forServer} once and {@link ServerWide#mount} per router instead, so that its
   * limits hold for the server as a whole.
   *
   * @throws IllegalArgumentException when {@code config} is invalid (the message names the key)
   */
  public static Mounted mount(Router router, SampleSink sink, CollectorConfig config, MeterRegistry registry,
      Clock clock) {
    return forServer(sink, config, ingestTokens(config), registry, clock).mount(router);
  }

  /**
   * As {@link #mount(Router, SampleSink, CollectorConfig, MeterRegistry, Clock)}, with the server's token set:
   * ingest needs a token carrying {@link Scope#INGEST} unless that scope is open.
   */
  public static Mounted mount(Router router, SampleSink sink, CollectorConfig config, AccessTokens tokens,
      MeterRegistry registry, Clock clock) {
    return forServer(sink, config, tokens, registry, clock).mount(router);
  }

  /**
   * The tokens {@code collector.ingest-tokens} alone gives: {@code ingest-1}, {@code ingest-2}, … with the
   * {@code ingest} scope; ingest is open when the list is empty.
   */
  public static AccessTokens ingestTokens(CollectorConfig config) {
    var tokens = AccessTokens.named("ingest", config.ingestTokens(), java.util.Set.of(Scope.INGEST));
    return AccessTokens.of(tokens, tokens.isEmpty() ? java.util.Set.of(Scope.INGEST) : java.util.Set.of());
  }

  /**
   * What one server's ingest shares across all its event-loop routers: the in-flight bound (in all and per
   * token), the load shedder's queued samples and queue delay, and the draining switch. All of it is thread-safe
   * without locks (atomics), so every event loop checks the same limits on its hot path.
   *
   * @throws IllegalArgumentException when {@code config} is invalid (the message names the key)
   */
  public static ServerWide forServer(SampleSink sink, CollectorConfig config, MeterRegistry registry, Clock clock) {
    return forServer(sink, config, ingestTokens(config), registry, clock);
  }

  /**
   * As {@link #forServer(SampleSink, CollectorConfig, MeterRegistry, Clock)} with the server's token set: ingest
   * needs a token carrying {@link Scope#INGEST} unless that scope is open; each ingest token is its own client for
   * the per-token in-flight bound.
   */
  public static ServerWide forServer(SampleSink sink, CollectorConfig config, AccessTokens tokens,
      MeterRegistry registry, Clock clock) {
    config.validate();
    if (tokens.isOpen(Scope.INGEST) && WARNED_OPEN.compareAndSet(false, true)) {
      LOG.warn("ingest is open: give a token the ingest scope (server.tokens) or set collector.ingest-tokens");
    }
    int clients = tokens.count(Scope.INGEST);
    int perToken = clients >= 2 ? config.maxInFlightPerToken() : config.maxInFlightRequests();
    return new ServerWide(sink, config, registry, clock, tokens,
        new InFlightLimiter(config.maxInFlightRequests(), perToken, Math.max(1, clients)),
        new LoadShedder(config.maxQueuedSamples(), config.maxQueueDelay(), clock));
  }

  /**
   * The HTTP server options the collector needs, applied to {@code options}: an idle timeout
   * ({@code collector.idle-timeout}) so that silent connections do not stay open, and no automatic request
   * decompression (the collector decompresses itself so that {@code collector.max-decompressed-bytes} holds).
   */
  public static HttpServerOptions serverOptions(HttpServerOptions options, CollectorConfig config) {
    config.validate();
    return options.setIdleTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()))
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setDecompressionSupported(false);
  }

  /**
   * Answers requests that are not valid HTTP (an invalid Content-Length, a broken header) with an
   * {@code application/problem+json} 400 (414 for a too long request line, 431 for too large headers) instead
   * of an empty body; the server closes the connection afterwards. Install with
   * {@code server.invalidRequestHandler(CollectorRoutes.invalidRequestHandler())}.
   */
  public static Handler<HttpServerRequest> invalidRequestHandler() {
    return InvalidRequests::answer;
  }

  /** One server's ingest state, shared by all its routers (see {@link #forServer}). */
  public static final class ServerWide {
    private final SampleSink sink;
    private final CollectorConfig config;
    private final MeterRegistry registry;
    private final Clock clock;
    private final AccessTokens tokens;
    private final InFlightLimiter inFlight;
    private final LoadShedder shedder;
    private final AtomicBoolean draining = new AtomicBoolean();

    private ServerWide(SampleSink sink, CollectorConfig config, MeterRegistry registry, Clock clock,
        AccessTokens tokens, InFlightLimiter inFlight, LoadShedder shedder) {
      this.sink = sink;
      this.config = config;
      this.registry = registry;
      this.clock = clock;
      this.tokens = tokens;
      this.inFlight = inFlight;
      this.shedder = shedder;
    }

    /** Mounts the ingest endpoints on one router (one per event-loop verticle); every router shares the limits. */
    public Mounted mount(Router router) {
      IngestEndpoint.Shared shared = new IngestEndpoint.Shared(sink,
          new SampleValidator(config.validationLimits(), clock), new CollectorMetrics(registry), tokens, inFlight,
          shedder, registry.config().clock(), config, draining);
      new OtlpEndpoint(shared).mount(router, OTLP_PATH);
      new RemoteWriteEndpoint(shared, families(sink)).mount(router, REMOTE_WRITE_PATH);
      new JsonEndpoint(shared, clock).mount(router, JSON_PATH);
      return new Mounted(draining);
    }

    /** From now on, new ingest requests on every router get 503 with {@code Retry-After}. */
    public void startDraining() {
      draining.set(true);
    }

    /** Requests accepted and not yet answered, over all routers. */
    public int inFlight() {
      return inFlight.inFlight();
    }
  }

  /** What {@link #mount} set up: lets the server refuse new ingest while it shuts down. */
  public static final class Mounted {
    private final AtomicBoolean draining;

    private Mounted(AtomicBoolean draining) {
      this.draining = draining;
    }

    /**
     * From now on, new ingest requests get 503 with {@code Retry-After} and {@code Connection: close}; on every
     * router of the same {@link ServerWide}.
     */
    public void startDraining() {
      draining.set(true);
    }
  }
}
