package io.glasshouse.collector.scrape;

import io.glasshouse.collector.validate.DecodedBatch;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes Prometheus text-format endpoints without blocking (Vert.x {@link HttpClient}), with the job's timeout
 * and body size limit (checked while reading; the smaller of the job's {@code body_size_limit} and the scraper's
 * overall cap) and a bound on concurrent scrapes. Bodies above {@code parseOnWorkerAboveBytes} are parsed on the
 * {@code glasshouse-ingest-decode} worker pool, as the ingest decoders do with large bodies; smaller ones on the
 * event loop. Every scrape yields an outcome: the target's series plus {@code up} and the {@code scrape_*} series;
 * a failed scrape (refused connection, non-2xx, timeout, body over the limit, too many scrapes at once) is
 * {@code up 0} with the reason. Times come from the injected clock.
 */
public final class Scraper implements AutoCloseable {
  /** The worker pool the collector decodes large bodies on (shared by name with the ingest endpoints). */
  static final String DECODE_POOL = "glasshouse-ingest-decode";

  private final Vertx vertx;
  private final HttpClient client;
  private final Clock clock;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final int maxConcurrent;
  private final long parseOnWorkerAboveBytes;
  private final WorkerExecutor parsePool;
  private final AtomicInteger inFlight = new AtomicInteger();

  /** A scraper that parses every body on the event loop. */
  public Scraper(Vertx vertx, Clock clock, long maxBodyBytes, Duration timeout, int maxConcurrent) {
    this(vertx, clock, maxBodyBytes, timeout, maxConcurrent, Long.MAX_VALUE, 1);
  }

  /**
   * @param maxBodyBytes overall cap on a body, whatever a job allows
   * @param timeout overall cap on a scrape, whatever a job allows
   * @param parseOnWorkerAboveBytes larger bodies are parsed on the worker pool
   * @param parseWorkers threads of that pool (shared by name with the ingest decoders)
   */
  public Scraper(Vertx vertx, Clock clock, long maxBodyBytes, Duration timeout, int maxConcurrent,
      long parseOnWorkerAboveBytes, int parseWorkers) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
            .setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(Math.max(1, maxConcurrent)));
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
    this.maxConcurrent = maxConcurrent;
    this.parseOnWorkerAboveBytes = parseOnWorkerAboveBytes;
    this.parsePool = parseOnWorkerAboveBytes == Long.MAX_VALUE ? null
        : vertx.createSharedWorkerExecutor(DECODE_POOL, parseWorkers);
  }

  /** Scrapes once; the future always succeeds (a failed scrape is {@code up 0}). */
  public Future<DecodedBatch> scrape(ScrapeTarget target) {
    return scrapeOnce(target).map(ScrapeOutcome::batch);
  }

  /** Scrapes once and says how it went; the future always succeeds. */
  public Future<ScrapeOutcome> scrapeOnce(ScrapeTarget target) {
    long start = clock.millis();
    if (inFlight.incrementAndGet() > maxConcurrent) {
      inFlight.decrementAndGet();
      return Future.succeededFuture(ScrapeMapper.failed(target, start, 0, "more than " + maxConcurrent
          + " scrapes at once (scrape.max-concurrent-scrapes)"));
    }
    long limit = target.job().bodySizeLimit() > 0 ? Math.min(target.job().bodySizeLimit(), maxBodyBytes)
        : maxBodyBytes;
    long timeoutMs = Math.min(target.job().timeout().toMillis(), timeout.toMillis());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(target.url().toString())
        .setTimeout(timeoutMs)
        .putHeader("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1")
        .putHeader("User-Agent", "Glasshouse-scraper")
        .putHeader("X-Prometheus-Scrape-Timeout-Seconds", Double.toString(timeoutMs / 1000.0));
    withAuth(options, target);
    Promise<ScrapeOutcome> done = Promise.promise();
    // the whole scrape, body included, ends at the timeout (the request timeout covers only idle periods)
    java.util.concurrent.atomic.AtomicReference<io.vertx.core.http.HttpClientRequest> request =
        new java.util.concurrent.atomic.AtomicReference<>();
    long timer = vertx.setTimer(timeoutMs, id -> {
      if (done.tryComplete(ScrapeMapper.failed(target, start, (clock.millis() - start) / 1000.0,
          "timed out after " + timeoutMs + " ms (scrape_timeout)"))) {
        var req = request.get();
        if (req != null) {
          req.reset();
        }
      }
    });
    client.request(options)
        .compose(req -> {
          request.set(req);
          return req.send();
        })
        .compose(resp -> {
          if (resp.statusCode() / 100 != 2) {
            return Future.failedFuture("HTTP " + resp.statusCode() + " from " + target.url());
          }
          String length = resp.getHeader("Content-Length");
          if (length != null && parseLong(length) > limit) {
            return Future.failedFuture("body of " + length + " bytes is over the limit of " + limit
                + " bytes (body_size_limit)");
          }
          return collect(resp, limit);
        })
        .compose(body -> {
          if (done.future().isComplete()) {
            return Future.succeededFuture(done.future().result());
          }
          long received = clock.millis();
          if (body.length() > parseOnWorkerAboveBytes) {
            return parsePool.executeBlocking(() -> parse(target, body, start, received), false);
          }
          return Future.succeededFuture(parse(target, body, start, received));
        })
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          done.tryComplete(ar.succeeded() ? ar.result() : ScrapeMapper.failed(target, start,
              (clock.millis() - start) / 1000.0, describe(ar.cause(), timeoutMs)));
        });
    return done.future().andThen(ar -> inFlight.decrementAndGet());
  }

  /** TLS settings for https targets (with {@code server_name} in SNI and the certificate check) and credentials. */
  private static void withAuth(RequestOptions options, ScrapeTarget target) {
    ScrapeAuth auth = target.job().auth();
    if ("https".equalsIgnoreCase(target.url().getScheme())) {
      options.setSsl(true).setSslOptions(auth.sslOptions());
      if (auth.serverName() != null) {
        int port = target.url().getPort() > 0 ? target.url().getPort() : 443;
        options.setServer(SocketAddress.inetSocketAddress(port, target.url().getHost())).setHost(auth.serverName());
      }
    }
    if (auth.authorizationHeader() != null) {
      options.putHeader("Authorization", auth.authorizationHeader());
    }
  }

  private static ScrapeOutcome parse(ScrapeTarget target, Buffer body, long start, long received) {
    TextFormatParser.Result parsed = TextFormatParser.parse(body.toString(StandardCharsets.UTF_8));
    return ScrapeMapper.map(target, parsed, start, (received - start) / 1000.0);
  }

  private static String describe(Throwable e, long timeoutMs) {
    if (e instanceof TimeoutException || (e != null && e.getClass().getSimpleName().contains("Timeout"))) {
      return "timed out after " + timeoutMs + " ms (scrape_timeout)";
    }
    String m = e == null ? null : e.getMessage();
    if (m == null || m.isBlank()) {
      m = e == null ? "failed" : e.getClass().getSimpleName();
    }
    return m.toLowerCase(Locale.ROOT).contains("connection refused") ? "connection refused" : m;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Reads the body, failing as soon as it grows over the limit (chunked bodies have no Content-Length). */
  private static Future<Buffer> collect(HttpClientResponse resp, long limit) {
    Buffer body = Buffer.buffer();
    Promise<Buffer> done = Promise.promise();
    resp.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        resp.request().reset();
        done.tryFail("body over the limit of " + limit + " bytes (body_size_limit)");
      } else {
        body.appendBuffer(chunk);
      }
    });
    resp.exceptionHandler(done::tryFail);
    resp.endHandler(v -> done.tryComplete(body));
    return done.future();
  }

  @Override
  public void close() {
    client.close();
    if (parsePool != null) {
      parsePool.close();
    }
  }
}
