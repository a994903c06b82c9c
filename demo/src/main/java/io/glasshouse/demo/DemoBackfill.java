package io.glasshouse.demo;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a few weeks of the demo fleet's history through the normal JSON ingest path
 * ({@code POST /api/v1/ingest}), so that capacity forecasts have daily and weekly cycles and trends to work on
 * as soon as the demo starts.
 *
 * <p>The history is that of the same fleet ({@link DemoConfig}: services, instances per service, regions,
 * seed, day length), ending at the clock's "now" when {@link #run} is called, which is taken as the live fleet's
 * start: the growth of demand ({@link Cycles#loadAt}) and the disk trends ({@link ServiceProfile#diskFractionAt})
 * run backwards from there, so the history joins the live data where the fleet begins (checkout's disk reaches
 * its starting 72 % at "now" and fills up within days after). Each service gets
 * {@link DemoConfig#instancesPerService()} historical instances with stable ids ({@code checkout-h1},
 * {@code checkout-h2}, …) that never collide with live ids (those are four hex digits); they carry the same
 * {@code version} and {@code region} labels as the live instances, so their samples land in the same service
 * rollup series. Historical instances of a leaking service restart every {@value #RESTART_DAYS} simulated days,
 * staggered, so the heap shows its saw-tooth.
 *
 * <p>Gauges only, at {@link Options#resolution()} (5 minutes by default), named as the live fleet's arrive
 * through OTLP: {@code process_cpu_usage}, {@code jvm_memory_used} and {@code jvm_memory_max} ({@code area=heap}),
 * {@code disk_used} and {@code disk_total} ({@code path=/data}), {@code db_connections_active} and
 * {@code db_connections_max} ({@code pool=main}). Their formulas are those of {@code DemoInstance}. Request
 * latency histograms and business counters are not written: the raw observations of three weeks would cost far
 * more than the gauges that capacity forecasts read. All noise is derived from the seed, the instance and the
 * timestamp: the same configuration and "now" give the same history.
 *
 * <p>Batches hold one instance's samples over a range of time (about {@link Options#batchSamples()} samples),
 * oldest first; all gauge batches go before the request history's, so capacity forecasts have their weeks within
 * seconds while the 90 days of requests follow, with at most {@link Options#maxInFlight()} requests in flight. A 503, a 429 with
 * {@code Retry-After}, another 5xx or a connection failure is retried with exponential backoff (at least the
 * {@code Retry-After} delay), up to {@link Options#maxAttempts()} attempts. Any other answer stops the run: the
 * returned future fails with an {@link IllegalStateException} carrying the server's problem detail (such as
 * samples older than {@code collector.past-window}, or, refused by the rollup engine as {@code too_late}, older
 * than {@code rollup.late-window}: JSON batches are all or nothing, so that is a 400 naming the key), and so does
 * a 200 that reports fewer samples accepted than sent. Progress is logged every
 * {@link Options#progressInterval()}.
 *
 * <p>The server must accept samples as old as the history: {@code collector.past-window} and
 * {@code rollup.late-window} must both be longer than it.
 */
public final class DemoBackfill {
  private static final Logger LOG = LoggerFactory.getLogger(DemoBackfill.class);

  /** History written by {@link #run(Vertx, URI, Clock, DemoConfig, Duration, String)} when given none. */
  public static final Duration DEFAULT_HISTORY = Duration.ofDays(21);
  /** Path of the JSON ingest endpoint, relative to the server's base URL. */
  public static final String INGEST_PATH = "/api/v1/ingest";

  /** Simulated days between restarts of a historical instance (what resets a leaking heap). */
  static final int RESTART_DAYS = 3;
  /** Gauges per instance and timestamp. */
  static final int GAUGES = 7;
  private static final long MAX_BACKOFF_MS = 30_000;
  private static final long MAX_RETRY_AFTER_MS = 120_000;
  private static final long REQUEST_TIMEOUT_MS = 60_000;

  private static final JsonObject HEAP = new JsonObject().put("area", "heap");
  private static final JsonObject DATA = new JsonObject().put("path", "/data");
  private static final JsonObject POOL = new JsonObject().put("pool", "main");

  private DemoBackfill() {
  }

  /**
   * How a backfill runs.
   *
   * @param history how far back the history reaches from now
   * @param resolution time between two samples of a series
   * @param batchSamples samples per request, about (a batch holds whole timestamps of one instance)
   * @param maxInFlight requests in flight at once
   * @param maxAttempts attempts per batch before a retryable failure stops the run
   * @param progressInterval how often progress is logged
   * @param requestHistory how far back request counts and latency reach ({@link RequestHistory}, with its past
   *     incidents); {@link Duration#ZERO} writes none
   */
  public record Options(Duration history, Duration resolution, int batchSamples, int maxInFlight, int maxAttempts,
      Duration progressInterval, Duration requestHistory) {

    /**
     * Gauges of 21 days at 5 minutes and no request history, 3,000 samples per request, 4 in flight, 8 attempts,
     * progress every 5 s.
     */
    public static Options defaults() {
      return new Options(DEFAULT_HISTORY, Duration.ofMinutes(5), 3000, 4, 8, Duration.ofSeconds(5), Duration.ZERO);
    }

    /**
     * What {@code --demo} writes: {@link #defaults()} plus {@value #DEMO_REQUEST_DAYS} days of requests and latency,
     * in requests of about 1,500 samples with at most 2 in flight: folding history histograms costs the engine's
     * writer far more than gauges, and smaller, fewer requests keep its queue short, so the live fleet's pushes are
     * never shed ({@code collector.max-queue-delay}) while the history goes in.
     */
    public static Options demo() {
      return defaults().withRequestHistory(Duration.ofDays(DEMO_REQUEST_DAYS)).withBatchSamples(1500)
          .withMaxInFlight(2);
    }

    /** Days of request history {@link #demo()} writes. */
    public static final int DEMO_REQUEST_DAYS = 90;

    public Options withRequestHistory(Duration v) {
      return new Options(history, resolution, batchSamples, maxInFlight, maxAttempts, progressInterval, v);
    }

    /** Samples per instance and timestamp at most: the gauges, and the request histograms if any. */
    int perStep() {
      return GAUGES + (requestHistory != null && !requestHistory.isZero() ? RequestHistory.SERIES : 0);
    }

    public Options withHistory(Duration v) {
      return new Options(v, resolution, batchSamples, maxInFlight, maxAttempts, progressInterval, requestHistory);
    }

    public Options withResolution(Duration v) {
      return new Options(history, v, batchSamples, maxInFlight, maxAttempts, progressInterval, requestHistory);
    }

    public Options withBatchSamples(int v) {
      return new Options(history, resolution, v, maxInFlight, maxAttempts, progressInterval, requestHistory);
    }

    public Options withMaxInFlight(int v) {
      return new Options(history, resolution, batchSamples, v, maxAttempts, progressInterval, requestHistory);
    }

    public Options withMaxAttempts(int v) {
      return new Options(history, resolution, batchSamples, maxInFlight, v, progressInterval, requestHistory);
    }

    public Options withProgressInterval(Duration v) {
      return new Options(history, resolution, batchSamples, maxInFlight, maxAttempts, v, requestHistory);
    }

    /** Everything wrong with these options, one message per problem; empty when valid. */
    public List<String> validate() {
      List<String> problems = new ArrayList<>();
      if (history == null || history.isNegative() || history.isZero()) {
        problems.add("history must be a positive duration, was " + history);
      }
      if (resolution == null || resolution.compareTo(Duration.ofSeconds(1)) < 0) {
        problems.add("resolution must be at least 1s, was " + resolution);
      } else if (history != null && resolution.compareTo(history) > 0) {
        problems.add("resolution (" + resolution + ") must not exceed the history (" + history + ")");
      }
      if (requestHistory == null || requestHistory.isNegative()) {
        problems.add("requestHistory must be 0 (none) or a positive duration, was " + requestHistory);
      } else if (batchSamples < perStep() || batchSamples > 100_000) {
        problems.add("batchSamples must be between " + perStep() + " and 100000, was " + batchSamples);
      }
      if (maxInFlight < 1 || maxInFlight > 64) {
        problems.add("maxInFlight must be between 1 and 64, was " + maxInFlight);
      }
      if (maxAttempts < 1) {
        problems.add("maxAttempts must be at least 1, was " + maxAttempts);
      }
      if (progressInterval == null || progressInterval.toMillis() < 1) {
        problems.add("progressInterval must be at least 1ms, was " + progressInterval);
      }
      return problems;
    }
  }

  /**
   * Writes the fleet's history of the last {@code history} ({@link #DEFAULT_HISTORY} if null) with the default
   * {@link Options}.
   *
   * @param baseUrl the server, such as {@code http://127.0.0.1:8080}
   * @param ingestToken sent as {@code Authorization: Bearer <token>}; if null, {@link DemoConfig#ingestToken()}
   *     is sent (if any)
   * @see #runWith(Vertx, URI, Clock, DemoConfig, Options, String)
   */
  public static Future<BackfillReport> run(Vertx vertx, URI baseUrl, Clock clock, DemoConfig config,
      Duration history, String ingestToken) {
    return runWith(vertx, baseUrl, clock, config,
        Options.defaults().withHistory(history == null ? DEFAULT_HISTORY : history), ingestToken);
  }

  /**
   * Writes the fleet's history as {@code options} say; returns at once. (Not an overload of {@code run}, so that
   * {@code run(..., null, token)} stays unambiguous.) The future completes on a Vert.x
   * context once every batch is accepted, or fails on the first one that is refused (the batches still in
   * flight then finish without effect on the result). Fails at once with {@link IllegalArgumentException} for an
   * invalid configuration, options or URL.
   */
  public static Future<BackfillReport> runWith(Vertx vertx, URI baseUrl, Clock clock, DemoConfig config,
      Options options, String ingestToken) {
    return start(vertx, baseUrl, clock, config, options, ingestToken).result();
  }

  /**
   * A backfill under way: its {@link #result()} and a way to {@link #stop()} it (a server shutting down stops
   * its demo backfill first, so that retries against a draining server do not hold the shutdown up).
   */
  public static final class Running {
    private final Context context;
    private final Run run;
    private final Future<BackfillReport> result;

    private Running(Context context, Run run, Future<BackfillReport> result) {
      this.context = context;
      this.run = run;
      this.result = result;
    }

    /** Completes once every batch is accepted; fails on a refused batch or when stopped. */
    public Future<BackfillReport> result() {
      return result;
    }

    /**
     * Stops the backfill: no new request is sent, pending retries are dropped, requests in flight are abandoned
     * (the server applies each batch whole or not at all) and {@link #result()} fails saying it was stopped.
     * Idempotent; callable from any thread. The returned future completes (never fails) once the run has
     * ended.
     */
    public Future<Void> stop() {
      if (run != null) {
        context.runOnContext(v -> run.cancel());
      }
      return result.<Void>mapEmpty().otherwiseEmpty();
    }
  }

  /**
   * As {@link #runWith}, returning a {@link Running} backfill that can be stopped. Between requests (and on
   * every answer and retry timer) it checks whether it was stopped.
   */
  public static Running start(Vertx vertx, URI baseUrl, Clock clock, DemoConfig config, Options options,
      String ingestToken) {
    Objects.requireNonNull(vertx, "vertx");
    Plan plan;
    String url;
    try {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(config, "config").requireValid();
      Objects.requireNonNull(options, "options");
      List<String> problems = options.validate();
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("invalid backfill options: " + String.join("; ", problems));
      }
      if (baseUrl.getScheme() == null || !baseUrl.getScheme().matches("https?") || baseUrl.getHost() == null) {
        throw new IllegalArgumentException("demo backfill needs an absolute http(s) base URL, got " + baseUrl);
      }
      url = baseUrl.toString().replaceAll("/+$", "") + INGEST_PATH;
      plan = Plan.of(config, options, clock.instant());
    } catch (IllegalArgumentException | NullPointerException e) {
      return new Running(null, null, Future.failedFuture(e));
    }
    String token = ingestToken != null ? ingestToken : config.ingestToken();
    Promise<BackfillReport> promise = Promise.promise();
    Context context = vertx.getOrCreateContext();
    Run run = new Run(vertx, url, token, plan, options, promise);
    context.runOnContext(v -> run.start());
    return new Running(context, run, promise.future());
  }

  // ---- what to send ----

  /** One historical instance. */
  record History(ServiceProfile profile, String id, String region, int index, double speed, double restartOffset) {
  }

  /** Everything a run sends, fixed before the first request. */
  record Plan(DemoConfig config, Instant anchor, long firstMs, long stepMs, int steps, int stepsPerBatch,
      List<History> instances, long gaugeFirstMs, long requestFirstMs) {

    static Plan of(DemoConfig config, Options options, Instant now) {
      long stepMs = options.resolution().toMillis();
      // samples up to (not into) the current minute, where the live fleet takes over
      long endMs = Math.floorDiv(now.toEpochMilli(), 60_000L) * 60_000L;
      long gaugeFirstMs = grid(now.toEpochMilli() - options.history().toMillis(), stepMs);
      long requestFirstMs = options.requestHistory().isZero() ? Long.MAX_VALUE
          : grid(now.toEpochMilli() - options.requestHistory().toMillis(), stepMs);
      long firstMs = Math.min(gaugeFirstMs, requestFirstMs);
      int steps = (int) Math.max(0, Math.floorDiv(endMs - 1 - firstMs, stepMs) + 1);
      int stepsPerBatch = Math.max(1, options.batchSamples() / GAUGES);
      List<History> instances = new ArrayList<>();
      int n = config.instancesPerService();
      List<String> regions = config.regions();
      int index = 0;
      for (String service : config.services()) {
        ServiceProfile profile = ServiceProfile.forName(service);
        for (int j = 0; j < n; j++) {
          double speed = 0.9 + 0.2 * new Random(mix(config.seed(), index, -1)).nextDouble();
          instances.add(new History(profile, service + "-h" + (j + 1), regions.get(index % regions.size()), index,
              speed, (double) RESTART_DAYS * j / n));
          index++;
        }
      }
      return new Plan(config, now, firstMs, stepMs, steps, stepsPerBatch, List.copyOf(instances), gaugeFirstMs,
          requestFirstMs);
    }

    /** The first multiple of {@code stepMs} at or after {@code ms}. */
    private static long grid(long ms, long stepMs) {
      return Math.floorDiv(ms + stepMs - 1, stepMs) * stepMs;
    }

    /** Steps at or after {@code fromMs}. */
    private long stepsFrom(long fromMs) {
      if (fromMs == Long.MAX_VALUE) {
        return 0;
      }
      long skipped = Math.max(0, Math.floorDiv(fromMs - firstMs + stepMs - 1, stepMs));
      return Math.max(0, steps - skipped);
    }

    /** The past incidents this history holds, with their start instants, oldest first. */
    List<Map.Entry<Instant, RequestHistory.PastIncident>> pastIncidents() {
      List<Map.Entry<Instant, RequestHistory.PastIncident>> out = new ArrayList<>();
      for (RequestHistory.PastIncident i : RequestHistory.PAST_INCIDENTS) {
        Instant start = i.start(anchor);
        if (config.services().contains(i.service()) && start.toEpochMilli() >= requestFirstMs) {
          out.add(Map.entry(start, i));
        }
      }
      out.sort(Map.Entry.comparingByKey());
      return out;
    }

    /** Index of the first step at or after {@code fromMs} ({@code steps} if none). */
    private int firstStep(long fromMs) {
      return (int) (steps - stepsFrom(fromMs));
    }

    /** Requests of gauges: the 21 days capacity forecasts read, sent first, so they are in within seconds. */
    int chunks() {
      int n = steps - firstStep(gaugeFirstMs);
      return (n + stepsPerBatch - 1) / stepsPerBatch;
    }

    private int requestStepsPerBatch() {
      return Math.max(1, stepsPerBatch * GAUGES / RequestHistory.SERIES);
    }

    /** Requests of request history, after the gauges. */
    int requestChunks() {
      int n = steps - firstStep(requestFirstMs);
      return (n + requestStepsPerBatch() - 1) / requestStepsPerBatch();
    }

    int batches() {
      return (chunks() + requestChunks()) * instances.size();
    }

    long samples() {
      return (stepsFrom(gaugeFirstMs) * GAUGES + stepsFrom(requestFirstMs) * RequestHistory.SERIES)
          * instances.size();
    }

    Instant from() {
      return Instant.ofEpochMilli(firstMs);
    }

    Instant to() {
      return Instant.ofEpochMilli(firstMs + (steps - 1L) * stepMs);
    }

    /**
     * Batch {@code b}: first the gauges, then the request history; each in time chunks oldest first, each chunk
     * instance by instance.
     */
    Batch batch(int b) {
      History h = instances.get(b % instances.size());
      int chunk = b / instances.size();
      boolean gauges = chunk < chunks();
      int first = gauges ? firstStep(gaugeFirstMs) : firstStep(requestFirstMs);
      int per = gauges ? stepsPerBatch : requestStepsPerBatch();
      int from = first + (gauges ? chunk : chunk - chunks()) * per;
      int to = Math.min(steps, from + per);
      int[] count = new int[1];
      Buffer body = body(h, from, to, count, gauges, !gauges);
      return new Batch(h, from, to, body, count[0]);
    }

    /** The JSON ingest body of one instance's samples at steps {@code [from, to)}. */
    Buffer body(History h, int from, int to) {
      return body(h, from, to, new int[1], true, true);
    }

    /** The body with gauges and/or requests; {@code count[0]} gets how many samples it holds. */
    Buffer body(History h, int from, int to, int[] count, boolean gauges, boolean requests) {
      JsonArray samples = new JsonArray(new ArrayList<>((to - from) * GAUGES));
      ServiceProfile p = h.profile();
      Duration day = config.dayLength();
      int perService = config.instancesPerService();
      boolean canary = h.index() % perService < Math.max(1, perService / 2);
      for (int k = from; k < to; k++) {
        long t = firstMs + k * stepMs;
        if (requests && t >= requestFirstMs) {
          RequestHistory.append(samples, h, canary, anchor, day, t, stepMs / 1000.0,
              new Random(mix(config.seed(), h.index() + 1_000_000, k + Math.floorDiv(firstMs, stepMs))));
        }
        if (!gauges || t < gaugeFirstMs) {
          continue;
        }
        Instant at = Instant.ofEpochMilli(t);
        Random random = new Random(mix(config.seed(), h.index(), k + Math.floorDiv(firstMs, stepMs)));
        double load = Cycles.loadAt(at, anchor, day);
        double days = Cycles.days(anchor, at, day);
        // the formulas of DemoInstance.tick, at an instance that has run for a while
        double cpu = clamp(0.03 + 0.55 * load * h.speed() + 0.02 * random.nextGaussian(), 0.01, 1);
        double gcPhase = random.nextDouble();
        double age = days + h.restartOffset();
        age -= Math.floor(age / RESTART_DAYS) * RESTART_DAYS;
        double memory = p.memoryMax() * clamp(0.30 + 0.2 * load + 0.15 * gcPhase + p.leakPerDay() * age
            + 0.005 * random.nextGaussian(), 0.05, 0.98);
        double disk = Math.min(p.diskTotal(),
            p.diskTotal() * p.diskFractionAt(days) + p.diskTotal() * 0.0002 * random.nextGaussian());
        double connections = Math.min(p.poolMax(), Cycles.poisson(random, p.poolMax() * (0.1 + 0.55 * load)));
        samples.add(gauge("process_cpu_usage", null, cpu, t));
        samples.add(gauge("jvm_memory_used", HEAP, memory, t));
        samples.add(gauge("jvm_memory_max", HEAP, p.memoryMax(), t));
        samples.add(gauge("disk_used", DATA, disk, t));
        samples.add(gauge("disk_total", DATA, p.diskTotal(), t));
        samples.add(gauge("db_connections_active", POOL, connections, t));
        samples.add(gauge("db_connections_max", POOL, p.poolMax(), t));
      }
      count[0] = samples.size();
      return new JsonObject()
          .put("service", p.name())
          .put("instance", h.id())
          .put("labels", new JsonObject().put("version", p.version()).put("region", h.region()))
          .put("samples", samples)
          .toBuffer();
    }

    private static JsonObject gauge(String metric, JsonObject labels, double value, long t) {
      JsonObject s = new JsonObject().put("metric", metric).put("type", "gauge").put("value", value)
          .put("timestamp", t);
      if (labels != null) {
        s.put("labels", labels);
      }
      return s;
    }
  }

  /** One request's worth: an instance's samples at steps {@code [from, to)}. */
  record Batch(History instance, int from, int to, Buffer body, int samples) {
  }

  /** A seed for one instance at one step (SplitMix64's finalizer over the three). */
  static long mix(long seed, int instance, long step) {
    long z = seed + 0x9E3779B97F4A7C15L * (instance * 1_000_003L + step + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double clamp(double v, double min, double max) {
    return Math.max(min, Math.min(max, v));
  }

  // ---- sending: all state confined to the context the run started on ----

  private static final class Run {
    private final Vertx vertx;
    private final String url;
    private final String token;
    private final Plan plan;
    private final Options options;
    private final Promise<BackfillReport> promise;
    private final WebClient client;
    private final long startNanos = System.nanoTime();
    private final int batches;
    private int next;
    private int inFlight;
    private long accepted;
    private long requests;
    private long retries;
    private long progressTimer = -1;
    private boolean finished;

    Run(Vertx vertx, String url, String token, Plan plan, Options options, Promise<BackfillReport> promise) {
      this.vertx = vertx;
      this.url = url;
      this.token = token;
      this.plan = plan;
      this.options = options;
      this.promise = promise;
      this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("glasshouse-demo-backfill"),
          new PoolOptions().setHttp1MaxSize(options.maxInFlight()));
      this.batches = plan.batches();
    }

    /** Stops the run (on its context): see {@link Running#stop()}. */
    void cancel() {
      if (!finished) {
        fail("stopped (the server is shutting down)");
      }
    }

    void start() {
      if (finished) {
        return; // stopped before it began
      }
      LOG.info("demo backfill: {} samples ({} instances: {} gauges every {} for {}{}) from {} to {}, {} requests to {}",
          plan.samples(), plan.instances().size(), GAUGES, options.resolution(), options.history(),
          options.requestHistory().isZero() ? "" : ", request counts and latency for " + options.requestHistory(),
          plan.steps() == 0 ? "-" : plan.from(), plan.steps() == 0 ? "-" : plan.to(), batches, url);
      for (Map.Entry<Instant, RequestHistory.PastIncident> e : plan.pastIncidents()) {
        RequestHistory.PastIncident i = e.getValue();
        LOG.info("demo backfill: past incident on {} at {} for {}: {}", i.service(), e.getKey(), i.duration(),
            i.kind() == DemoStatus.IncidentKind.ERROR_BURST ? Math.round(i.size() * 100) + "% 5xx"
                : i.size() + "x slower on half the instances");
      }
      progressTimer = vertx.setPeriodic(options.progressInterval().toMillis(), id -> logProgress());
      pump();
    }

    private void logProgress() {
      if (!finished) {
        LOG.info("demo backfill: {}% done ({} of {} samples, {} requests, {} retries)",
            plan.samples() == 0 ? 100 : accepted * 100 / plan.samples(), accepted, plan.samples(), requests,
            retries);
      }
    }

    private void pump() {
      while (!finished && inFlight < options.maxInFlight() && next < batches) {
        Batch b = plan.batch(next++);
        inFlight++;
        send(b, 1);
      }
      if (!finished && next == batches && inFlight == 0) {
        succeed();
      }
    }

    private void send(Batch b, int attempt) {
      HttpRequest<Buffer> request = client.postAbs(url).putHeader("Content-Type", "application/json")
          .idleTimeout(REQUEST_TIMEOUT_MS);
      if (token != null) {
        request.bearerTokenAuthentication(token);
      }
      request.sendBuffer(b.body()).onComplete(ar -> answered(b, attempt, ar));
    }

    private void answered(Batch b, int attempt, AsyncResult<HttpResponse<Buffer>> ar) {
      if (finished) {
        return;
      }
      if (ar.failed()) {
        retryOrFail(b, attempt, -1, "could not reach " + url + ": " + ar.cause());
        return;
      }
      HttpResponse<Buffer> response = ar.result();
      int status = response.statusCode();
      if (status == 200) {
        long n = acceptedCount(response);
        if (n != b.samples()) {
          fail("the server accepted " + (n < 0 ? "an unknown number" : Long.toString(n)) + " of " + b.samples()
              + " samples " + describe(b) + "; every sample of a backfill must be within rollup.late-window, "
              + "so rollup.late-window must be longer than the history (" + options.history() + ")");
          return;
        }
        inFlight--;
        requests++;
        accepted += n;
        pump();
        return;
      }
      String retryAfter = response.getHeader("Retry-After");
      if (status == 503 || status == 500 || status == 502 || status == 504 || (status == 429 && retryAfter != null)) {
        retryOrFail(b, attempt, retryAfterMillis(retryAfter), "HTTP " + status + " " + problem(response));
        return;
      }
      fail("POST " + url + " answered HTTP " + status + " " + describe(b) + ": " + problem(response)
          + hint(status, response));
    }

    private void retryOrFail(Batch b, int attempt, long retryAfterMs, String why) {
      if (attempt >= options.maxAttempts()) {
        fail("gave up " + describe(b) + " after " + attempt + " attempts; last: " + why);
        return;
      }
      long backoff = Math.min(MAX_BACKOFF_MS, 500L << Math.min(attempt - 1, 16));
      backoff += ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
      long delay = Math.max(backoff, retryAfterMs);
      retries++;
      LOG.debug("demo backfill: {} ({}); attempt {} in {} ms", why, describe(b), attempt + 1, delay);
      vertx.setTimer(delay, id -> {
        if (!finished) {
          send(b, attempt + 1);
        }
      });
    }

    private String describe(Batch b) {
      return "for " + b.instance().id() + " from " + Instant.ofEpochMilli(plan.firstMs() + b.from() * plan.stepMs())
          + " to " + Instant.ofEpochMilli(plan.firstMs() + (b.to() - 1L) * plan.stepMs());
    }

    private String hint(int status, HttpResponse<Buffer> response) {
      String body = response.bodyAsString();
      if (body != null && body.contains("too_old")) {
        return " (the history is " + options.history() + ": collector.past-window, and rollup.late-window, must be "
            + "longer than that)";
      }
      if (status == 401) {
        return " (pass one of collector.ingest-tokens as the ingest token)";
      }
      return "";
    }

    private void succeed() {
      finished = true;
      vertx.cancelTimer(progressTimer);
      client.close();
      BackfillReport report = new BackfillReport(accepted, requests, retries, plan.from(), plan.to(),
          Duration.ofNanos(System.nanoTime() - startNanos));
      LOG.info("demo backfill done: {} samples in {} requests ({} retries) in {} s", accepted, requests, retries,
          report.duration().toMillis() / 1000.0);
      promise.complete(report);
    }

    private void fail(String message) {
      finished = true;
      vertx.cancelTimer(progressTimer);
      client.close();
      promise.fail(new IllegalStateException("demo backfill stopped after " + accepted + " of " + plan.samples()
          + " samples: " + message));
    }
  }

  private static long acceptedCount(HttpResponse<Buffer> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      return body == null ? -1 : body.getLong("accepted", -1L);
    } catch (DecodeException | ClassCastException e) {
      return -1;
    }
  }

  /** The problem's title and detail, or the start of the body if it is not a problem document. */
  static String problem(HttpResponse<Buffer> response) {
    String raw = response.bodyAsString();
    if (raw == null || raw.isBlank()) {
      return "(no body)";
    }
    try {
      JsonObject p = new JsonObject(raw);
      String title = p.getString("title");
      String detail = p.getString("detail");
      if (detail != null) {
        return title == null ? detail : title + ": " + detail;
      }
    } catch (DecodeException | ClassCastException e) {
      // not a problem document
    }
    return raw.length() > 500 ? raw.substring(0, 500) + "…" : raw;
  }

  /** {@code Retry-After} in seconds, as milliseconds (capped); -1 when absent or an HTTP date. */
  static long retryAfterMillis(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Long.parseLong(header.trim())) * 1000);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
