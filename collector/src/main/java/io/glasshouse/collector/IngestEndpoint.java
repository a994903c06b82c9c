package io.glasshouse.collector;

import io.glasshouse.collector.http.BearerTokens;
import io.glasshouse.collector.http.ContentDecoding;
import io.glasshouse.collector.http.HttpProblem;
import io.glasshouse.collector.http.InFlightLimiter;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.collector.validate.UndecodableException;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Future;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request pipeline every ingest endpoint shares: authenticate, check headers and Content-Length, take an
 * in-flight slot, read the body (bounded), decompress (bounded), decode, validate, hand to the sink, answer.
 * Subclasses supply the protocol's headers, decoder and answer shapes. Runs on the router's event loop; the
 * answer may be written from whatever thread completes the sink's future.
 */
abstract class IngestEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(IngestEndpoint.class);
  static final String ENCODING = "glasshouse.encoding";
  static final String IDENTITY = "identity";
  static final String GZIP = "gzip";
  static final String SNAPPY = "snappy";
  private static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  final Protocol protocol;
  private final boolean atomic;
  private final Shared shared;

  /** What all endpoints of one router share. */
  record Shared(SampleSink sink, SampleValidator validator, CollectorMetrics metrics, BearerTokens tokens,
      InFlightLimiter inFlight, io.micrometer.core.instrument.Clock meterClock, long maxBodyBytes,
      long maxDecompressedBytes) {
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
        .handler(BodyHandler.create(false).setBodyLimit(shared.maxBodyBytes()))
        .handler(this::ingest)
        .failureHandler(this::failed);
  }

  /** Checks headers; returns the Content-Encoding to undo ({@link #IDENTITY}, {@link #GZIP}, {@link #SNAPPY}). */
  abstract String checkHeaders(RoutingContext ctx);

  abstract DecodedBatch decode(RoutingContext ctx, byte[] body) throws UndecodableException;

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
    long start = shared.meterClock().monotonicTime();
    ctx.addEndHandler(ar -> shared.metrics().answered(protocol, ctx.response().getStatusCode(), start,
        shared.meterClock().monotonicTime()));
    try {
      if (!shared.tokens().allows(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
        throw HttpProblem.unauthorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION) == null
            ? "ingest requires a token: send 'Authorization: Bearer <token>' with one of collector.ingest-tokens"
            : "the bearer token is not one of collector.ingest-tokens; check the sender's token");
      }
      ctx.put(ENCODING, checkHeaders(ctx));
      String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
      if (length != null && parseLength(length) > shared.maxBodyBytes()) {
        throw bodyTooLarge();
      }
      if (!shared.inFlight().tryAcquire()) {
        throw HttpProblem.unavailable("this collector is answering " + shared.inFlight().max() + " requests "
            + "already (collector.max-in-flight-requests); retry after the Retry-After delay", IN_FLIGHT_RETRY);
      }
      ctx.addEndHandler(ar -> shared.inFlight().release());
      ctx.next();
    } catch (HttpProblem p) {
      closeAfterAnswer(ctx);
      answer(ctx, p);
    }
  }

  private void ingest(RoutingContext ctx) {
    List<Sample> valid;
    RejectionTally tally;
    try {
      Buffer buffer = ctx.body().buffer();
      byte[] raw = buffer == null ? new byte[0] : buffer.getBytes();
      byte[] body = switch ((String) ctx.get(ENCODING)) {
        case GZIP -> ContentDecoding.gunzip(raw, shared.maxDecompressedBytes());
        case SNAPPY -> ContentDecoding.unsnappy(raw, shared.maxDecompressedBytes());
        default -> raw;
      };
      DecodedBatch batch = decode(ctx, body);
      tally = batch.tally();
      int dropped = batch.tally().dropped().values().stream().mapToInt(Integer::intValue).sum();
      shared.metrics().received(protocol, batch.samples().size() + tally.total() + dropped);
      shared.metrics().dropped(protocol, tally.dropped());
      valid = shared.validator().validate(protocol, batch.samples(), tally);
      shared.metrics().rejected(protocol, tally.rejections());
      if (atomic(ctx) && !tally.isEmpty()) {
        shared.metrics().rejected(protocol, CollectorMetrics.BATCH_REJECTED, valid.size());
        throw HttpProblem.invalidSamples(tally.total() + " of " + (valid.size() + tally.total())
            + " samples are invalid, so nothing in this request was applied: " + tally.summary()
            + ". Fix these and send the batch again.", tally.rejections());
      }
    } catch (UndecodableException e) {
      answer(ctx, HttpProblem.undecodable(e.getMessage()));
      return;
    } catch (HttpProblem p) {
      answer(ctx, p);
      return;
    }
    if (valid.isEmpty()) {
      answerAccepted(ctx, 0, tally);
      return;
    }
    Future<IngestResult> applied;
    try {
      applied = shared.sink().accept(protocol, valid, atomic(ctx));
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    int n = valid.size();
    applied.onComplete(ar -> {
      if (ar.succeeded()) {
        IngestResult r = ar.result();
        shared.metrics().accepted(protocol, r.accepted());
        shared.metrics().rejected(protocol, r.rejected());
        tally.addAll(r.rejected());
        answerAccepted(ctx, r.accepted(), tally);
      } else {
        sinkFailed(ctx, ar.cause(), n, tally);
      }
    });
  }

  private void sinkFailed(RoutingContext ctx, Throwable cause, int samples, RejectionTally tally) {
    if (cause instanceof OverloadedException o) {
      shared.metrics().rejected(protocol, CollectorMetrics.OVERLOADED, samples);
      answer(ctx, HttpProblem.unavailable("the rollup engine is overloaded (" + o.getMessage() + "); nothing was "
          + "applied, retry after the Retry-After delay", o.retryAfter() == null ? IN_FLIGHT_RETRY : o.retryAfter()));
    } else if (cause instanceof SeriesLimitException s) {
      shared.metrics().rejected(protocol, Reasons.SERIES_LIMIT, samples);
      String detail = "service '" + s.service() + "' would exceed its limit of " + s.limit() + " series ("
          + s.getMessage() + "); nothing was applied. Drop high-cardinality labels or raise the service's "
          + "series limit";
      if (atomic(ctx)) {
        answer(ctx, HttpProblem.tooManyRequests(detail,
            List.of(new Rejection(Reasons.SERIES_LIMIT, samples, detail)), null));
      } else {
        tally.reject(Reasons.SERIES_LIMIT, samples, detail);
        answerAccepted(ctx, 0, tally);
      }
    } else {
      LOG.error("rollup engine failed a {} batch of {} samples", protocol.tag(), samples, cause);
      shared.metrics().rejected(protocol, CollectorMetrics.INTERNAL_ERROR, samples);
      answer(ctx, HttpProblem.internal("the rollup engine failed to apply the batch, nothing was applied ("
          + cause + "); retry later"));
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
      LOG.error("{} ingest request failed", protocol.tag(), ctx.failure());
      answer(ctx, HttpProblem.internal("the request failed inside the collector ("
          + (ctx.failure() == null ? "status " + ctx.statusCode() : ctx.failure().toString()) + ")"));
    }
  }

  private void answer(RoutingContext ctx, HttpProblem p) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    answerProblem(ctx, p);
  }

  private HttpProblem bodyTooLarge() {
    return HttpProblem.tooLarge("the request body is larger than " + shared.maxBodyBytes() + " bytes "
        + "(collector.max-body-bytes); send smaller batches or compress them");
  }

  /** When answering before the body was read, do not read an unwanted body just to reuse the connection. */
  private static void closeAfterAnswer(RoutingContext ctx) {
    if (ctx.request().version() != HttpVersion.HTTP_2 && !ctx.request().isEnded()) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
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
