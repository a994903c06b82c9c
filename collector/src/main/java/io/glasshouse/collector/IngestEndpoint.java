package io.glasshouse.collector;

import io.glasshouse.collector.http.ContentDecoding;
import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.http.InFlightLimiter;
import io.glasshouse.collector.http.LoadShedder;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.RequestTooLargeException;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.collector.validate.ShapeLimits;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Grant;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.ingest.BatchRefusedException;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline every ingest endpoint shares: refuse while draining, authenticate, check headers and
 * Content-Length, shed when the engine is behind, take an in-flight slot (in all and per token), read the body
 * (bounded in size and time), then decompress (bounded), count what it expands to ({@code ShapeLimits}),
 * decode and validate — on the event loop for small bodies, on the {@code glasshouse-ingest-decode} worker
 * pool above {@code decode-on-worker-above-bytes} — and hand to the sink, shedding again by queued samples and
 * queue delay, and answer. Subclasses supply the protocol's headers, decoder and answer shapes. The answer may
 * be written from whatever thread completes the sink's future.
 */
abstract class IngestEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoint.class);
  static final String ENCODING = "glasshouse.encoding";
  static final String IDENTITY = "identity";
  static final String GZIP = "gzip";
  static final String SNAPPY = "snappy";
  /** Name of the worker pool large bodies are decoded on. */
  static final String DECODE_POOL = "glasshouse-ingest-decode";
  private static final String BODY_RECEIVED = "glasshouse.body-received";
  private static final Duration RETRY = Duration.ofSeconds(1);

  final Protocol protocol;
  private final boolean atomic;
  private final Shared shared;

  /** What all endpoints of one router share. */
  static final class Shared {
    final SampleSink sink;
    final SampleValidator validator;
    final CollectorMetrics metrics;
    final AccessTokens tokens;
    final InFlightLimiter inFlight;
    final LoadShedder shedder;
    final io.micrometer.core.instrument.Clock meterClock;
    final CollectorConfig config;
    final ShapeLimits shapeLimits;
    final AtomicBoolean draining;
    private WorkerExecutor decodePool;

    Shared(SampleSink sink, SampleValidator validator, CollectorMetrics metrics, AccessTokens tokens,
        InFlightLimiter inFlight, LoadShedder shedder, io.micrometer.core.instrument.Clock meterClock,
        CollectorConfig config, AtomicBoolean draining) {
      this.sink = sink;
      this.validator = validator;
      this.metrics = metrics;
      this.tokens = tokens;
      this.inFlight = inFlight;
      this.shedder = shedder;
      this.meterClock = meterClock;
      this.config = config;
      this.shapeLimits = config.shapeLimits();
      this.draining = draining;
    }

    /** The shared decode pool, created on first use (on the router's event loop, so without a race). */
    WorkerExecutor decodePool(Vertx vertx) {
      if (decodePool == null) {
        decodePool = vertx.createSharedWorkerExecutor(DECODE_POOL, config.decodeWorkers());
      }
      return decodePool;
    }
  }

  /** The outcome of decoding and validating one body. */
  private record Checked(List<Sample> valid, RejectionTally tally) {
  }

  IngestEndpoint(Protocol protocol, boolean atomic, Shared shared) {
    this.protocol = protocol;
    this.atomic = atomic;
    this.shared = shared;
  }

  final void mount(Router router, String path) {
    // Admission runs before the body is read, so it is a route of its own: Vert.x Web allows no user handler
    // ahead of a body handler within one route.
    router.post(path).handler(this::admit);
    router.post(path)
        .handler(BodyHandler.create(false).setBodyLimit(shared.config.maxBodyBytes()))
        .handler(this::ingest)
        .failureHandler(this::failed);
  }

  /** Checks headers; returns the Content-Encoding to undo ({@link #IDENTITY}, {@link #GZIP}, {@link #SNAPPY}). */
  abstract String checkHeaders(RoutingContext ctx);

  /**
   * Counts what {@code body} (decompressed) expands to against {@code budget}, then decodes it. Called on the
   * event loop or a worker thread; must not touch the response.
   */
  abstract DecodedBatch decode(RoutingContext ctx, byte[] body, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException;

  /**
   * Decompresses {@code raw} (bounded by {@code max-decompressed-bytes}) and {@link #decode decodes} it; an
   * endpoint with a faster path over the compressed body may override this. Called where {@link #decode} is.
   */
  DecodedBatch decodeBody(RoutingContext ctx, byte[] raw, String encoding, ShapeLimits.Budget budget)
      throws UndecodableException, RequestTooLargeException {
    long maxDecompressed = shared.config.maxDecompressedBytes();
    byte[] body = switch (encoding) {
      case GZIP -> ContentDecoding.gunzip(raw, maxDecompressed);
      case SNAPPY -> ContentDecoding.unsnappy(raw, maxDecompressed);
      default -> raw;
    };
    return decode(ctx, body, budget);
  }

  /** Whether one invalid sample refuses this request (nothing applied); the endpoint's setting by default. */
  boolean atomic(RoutingContext ctx) {
    return atomic;
  }

  /** Answers a request whose valid samples (possibly none) the engine applied. */
  abstract void answerAccepted(RoutingContext ctx, int accepted, RejectionTally tally);

  /** Answers a refused request; problem+json unless the protocol has its own error shape. */
  void answerProblem(RoutingContext ctx, HttpProblem problem) {
    problem.writeProblemJson(ctx.response());
  }

  /** Detail of a 415 for an unsupported Content-Encoding. */
  static HttpProblem unsupportedEncoding(String encoding, String supported) {
    return HttpProblem.unsupportedMediaType("Content-Encoding '" + encoding + "' is not supported here; use "
        + supported);
  }

  /** The media type without parameters, lower case, or "" when absent. */
  static String mediaType(HttpServerRequest request) {
    String ct = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** The Content-Encoding, lower case, {@link #IDENTITY} when absent. */
  static String contentEncoding(HttpServerRequest request) {
    String ce = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    return ce == null || ce.isBlank() ? IDENTITY : ce.trim().toLowerCase(Locale.ROOT);
  }

  private void admit(RoutingContext ctx) {
    long start = shared.meterClock.monotonicTime();
    ctx.addEndHandler(ar -> shared.metrics.answered(protocol, ctx.response().getStatusCode(), start,
        shared.meterClock.monotonicTime()));
    try {
      if (shared.draining.get()) {
        throw HttpProblem.unavailable("this collector is shutting down; send the batch again (to another "
            + "node, or to this one once it is back) after the Retry-After delay", RETRY).withReason("draining");
      }
      String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
      Grant grant = shared.tokens.check(authorization, Scope.INGEST);
      if (!grant.granted()) {
        throw HttpProblem.unauthorized(authorization == null
            ? "ingest requires a token with the 'ingest' scope: send 'Authorization: Bearer <token>'"
            : "the bearer token does not grant the 'ingest' scope (it is unknown or configured without it); "
                + "check the sender's token");
      }
      int client = grant.client();
      ctx.put(ENCODING, checkHeaders(ctx));
      String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length != null && parseLength(length) > shared.config.maxBodyBytes()) {
        throw bodyTooLarge();
      }
      HttpProblem shed = shared.shedder.check(0);
      if (shed != null) {
        throw shed;
      }
      HttpProblem busy = shared.inFlight.tryAcquire(client);
      if (busy != null) {
        throw busy;
      }
      ctx.addEndHandler(ar -> shared.inFlight.release(client));
      if (!ctx.request().isEnded()) {
        long timer = ctx.vertx().setTimer(shared.config.requestBodyTimeout().toMillis(), id -> bodyTimedOut(ctx));
        ctx.addEndHandler(ar -> ctx.vertx().cancelTimer(timer));
      }
      ctx.next();
    } catch (HttpProblem p) {
      closeAfterAnswer(ctx);
      answer(ctx, p);
    }
  }

  /** The whole body did not arrive within the request-body timeout: answer 408 and drop the connection. */
  private void bodyTimedOut(RoutingContext ctx) {
    if (ctx.get(BODY_RECEIVED) != null || ctx.response().ended()) {
      return;
    }
    closeAfterAnswer(ctx);
    answer(ctx, HttpProblem.requestTimeout("the request body did not arrive within "
        + shared.config.requestBodyTimeout().toMillis() + " ms (collector.request-body-timeout); send the whole "
        + "body without pauses").withReason("body_timeout"));
  }

  private void ingest(RoutingContext ctx) {
    ctx.put(BODY_RECEIVED, Boolean.TRUE);
    if (ctx.response().ended()) {
      return; // answered 408 while the last bytes were on their way
    }
    Buffer buffer = ctx.body().buffer();
    byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
    String encoding = ctx.get(ENCODING);
    Callable<Checked> work = () -> check(ctx, raw, encoding);
    Future<Checked> checked;
    if (onWorker(raw.length, encoding)) {
      shared.metrics.decodedOnWorker(protocol);
      checked = shared.decodePool(ctx.vertx()).executeBlocking(work, false);
    } else {
      try {
        checked = Future.succeededFuture(work.call());
      } catch (Throwable e) {
        checked = Future.failedFuture(e);
      }
    }
    checked.onComplete(ar -> {
      if (ar.succeeded()) {
        submit(ctx, ar.result());
      } else {
        refused(ctx, ar.cause());
      }
    });
  }

  /** Large bodies, and compressed ones above a sixteenth of the threshold, are decoded on the worker pool. */
  private boolean onWorker(int rawLength, String encoding) {
    long above = shared.config.decodeOnWorkerAboveBytes();
    return rawLength > (IDENTITY.equals(encoding) ? above : above / 16);
  }

  /** Decompress, count, decode, validate: everything that may be slow, off the response. */
  private Checked check(RoutingContext ctx, byte[] raw, String encoding)
      throws UndecodableException, RequestTooLargeException {
    DecodedBatch batch = decodeBody(ctx, raw, encoding, shared.shapeLimits.budget());
    RejectionTally tally = batch.tally();
    int dropped = tally.dropped().values().stream().mapToInt(Integer::intValue).sum();
    shared.metrics.received(protocol, batch.samples().size() + tally.total() + dropped);
    shared.metrics.dropped(protocol, tally.dropped());
    List<Sample> valid = shared.validator.validate(protocol, batch.samples(), tally);
    shared.metrics.rejected(protocol, tally.rejections());
    if (atomic(ctx) && !tally.isEmpty()) {
      shared.metrics.rejected(protocol, CollectorMetrics.BATCH_REJECTED, valid.size());
      throw HttpProblem.invalidSamples(tally.total() + " of " + (valid.size() + tally.total())
          + " samples are invalid, so nothing in this request was applied: " + tally.summary()
          + ". Fix these and send the batch again.", tally.rejections());
    }
    return new Checked(valid, tally);
  }

  /** Maps a failure of {@link #check} to its answer; never names a Java exception to the sender. */
  private void refused(RoutingContext ctx, Throwable cause) {
    if (cause instanceof HttpProblem p) {
      answer(ctx, p);
    } else if (cause instanceof UndecodableException e) {
      answer(ctx, HttpProblem.undecodable(e.getMessage()));
    } else if (cause instanceof RequestTooLargeException e) {
      answer(ctx, HttpProblem.tooLarge(e.getMessage()).withReason("request_too_large"));
    } else {
      LOG.error("{} ingest request failed while decoding", protocol.tag(), cause);
      answer(ctx, HttpProblem.internal("the collector failed to decode this request and applied nothing"
          + (cause instanceof OutOfMemoryError ? " (it ran short of memory: send smaller batches)" : "")
          + "; the error is in the collector's log"));
    }
  }

  private void submit(RoutingContext ctx, Checked checked) {
    List<Sample> valid = checked.valid();
    RejectionTally tally = checked.tally();
    if (valid.isEmpty()) {
      answerAccepted(ctx, 0, tally);
      return;
    }
    int n = valid.size();
    HttpProblem shed = shared.shedder.check(n);
    if (shed != null) {
      shared.metrics.rejected(protocol, CollectorMetrics.OVERLOADED, n);
      answer(ctx, shed);
      return;
    }
    LoadShedder.Ticket ticket = shared.shedder.start(n);
    Future<IngestResult> applied;
    try {
      applied = shared.sink.accept(protocol, valid, atomic(ctx));
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    applied.onComplete(ar -> {
      ticket.done();
      if (ar.succeeded()) {
        IngestResult r = ar.result();
        shared.metrics.accepted(protocol, r.accepted());
        shared.metrics.rejected(protocol, r.rejected());
        tally.addAll(r.rejected());
        answerAccepted(ctx, r.accepted(), tally);
      } else {
        sinkFailed(ctx, ar.cause(), n, tally);
      }
    });
  }

  private void sinkFailed(RoutingContext ctx, Throwable cause, int samples, RejectionTally tally) {
    if (cause instanceof OverloadedException o) {
      shared.metrics.rejected(protocol, CollectorMetrics.OVERLOADED, samples);
      answer(ctx, HttpProblem.unavailable("the rollup engine is overloaded (" + o.getMessage() + "); nothing was "
          + "applied, retry after the Retry-After delay", o.retryAfter() == null ? RETRY : o.retryAfter())
          .withReason("engine_overloaded"));
    } else if (cause instanceof SeriesLimitException s) {
      shared.metrics.rejected(protocol, s.reason(), samples);
      String detail = "service '" + s.service() + "' would exceed a limit of " + s.limit() + " (" + s.reason()
          + ": " + s.getMessage() + "); nothing was applied";
      if (atomic(ctx)) {
        answer(ctx, HttpProblem.tooManyRequests(detail, List.of(new Rejection(s.reason(), samples, detail)), null));
      } else {
        tally.reject(s.reason(), samples, detail);
        answerAccepted(ctx, 0, tally);
      }
    } else if (cause instanceof BatchRefusedException b) {
      // all or nothing: the engine refused some samples (e.g. too_late), so it applied none
      shared.metrics.rejected(protocol, b.rejections());
      shared.metrics.rejected(protocol, CollectorMetrics.BATCH_REJECTED, samples - b.refusedSamples());
      answer(ctx, HttpProblem.invalidSamples(b.getMessage(), b.rejections()));
    } else {
      LOG.error("rollup engine failed a {} batch of {} samples", protocol.tag(), samples, cause);
      shared.metrics.rejected(protocol, CollectorMetrics.INTERNAL_ERROR, samples);
      answer(ctx, HttpProblem.internal("the rollup engine failed to apply the batch, nothing was applied (the "
          + "error is in the server's log); retry later"));
    }
  }

  /** Failure of a handler in the route, above all the body handler's 413 while reading. */
  private void failed(RoutingContext ctx) {
    if (ctx.response().ended()) {
      return;
    }
    if (ctx.failure() instanceof HttpProblem p) {
      answer(ctx, p);
    } else if (ctx.statusCode() == 413) {
      closeAfterAnswer(ctx);
      answer(ctx, bodyTooLarge());
    } else {
      LOG.error("{} ingest request failed (status {})", protocol.tag(), ctx.statusCode(), ctx.failure());
      answer(ctx, HttpProblem.internal("the request failed inside the collector and nothing was applied; the "
          + "error is in the collector's log"));
    }
  }

  private void answer(RoutingContext ctx, HttpProblem p) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    shared.metrics.refused(protocol, p.reason());
    answerProblem(ctx, p);
  }

  private HttpProblem bodyTooLarge() {
    return HttpProblem.tooLarge("the request body is larger than " + shared.config.maxBodyBytes() + " bytes "
        + "(collector.max-body-bytes); send smaller batches or compress them").withReason("body_too_large");
  }

  /**
   * When answering before the body was read, do not read an unwanted body just to reuse the connection: say
   * {@code Connection: close} and close it once the answer is written (a stalled sender would otherwise keep
   * it open).
   */
  private static void closeAfterAnswer(RoutingContext ctx) {
    if (ctx.request().version() != HttpVersion.HTTP_2 && !ctx.request().isEnded()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
      ctx.addEndHandler(ar -> ctx.request().connection().close());
    }
  }

  private static long parseLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw HttpProblem.undecodable("Content-Length '" + length + "' is not a number");
    }
  }
}
