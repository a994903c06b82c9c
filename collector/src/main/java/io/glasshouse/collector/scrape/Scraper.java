package io.glasshouse.collector.scrape;

import io.glasshouse.collector.validate.DecodedBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scrapes Prometheus text-format endpoints on the Vert.x event loop (non-blocking HTTP), with a timeout, a body
 * size limit and a bound on concurrent scrapes. Every scrape yields samples: the target's series plus {@code up},
 * {@code scrape_duration_seconds} and {@code scrape_samples_scraped}; a failed scrape (refused connection, non-2xx,
 * timeout, body over the limit, too many scrapes at once) yields {@code up 0}. Times come from the injected clock.
 * What is not here yet: scheduling, {@code file_sd}/{@code http_sd}, relabelling, staleness on target loss.
 */
public final class Scraper implements AutoCloseable {
  private final HttpClient client;
  private final Clock clock;
  private final long maxBodyBytes;
  private final Duration timeout;
  private final int maxConcurrent;
  private final AtomicInteger inFlight = new AtomicInteger();

  public Scraper(Vertx vertx, Clock clock, long maxBodyBytes, Duration timeout, int maxConcurrent) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis()),
        new PoolOptions().setHttp1MaxSize(Math.max(1, maxConcurrent)));
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
    this.timeout = timeout;
    this.maxConcurrent = maxConcurrent;
  }

  /** Scrapes once; the future always succeeds (a failed scrape is {@code up 0}). */
  public Future<DecodedBatch> scrape(ScrapeTarget target) {
    long start = clock.millis();
    if (inFlight.incrementAndGet() > maxConcurrent) {
      inFlight.decrementAndGet();
      return Future.succeededFuture(ScrapeMapper.failed(target, start, 0));
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(target.url().toString())
        .setTimeout(timeout.toMillis())
        .putHeader("Accept", "text/plain;version=0.0.4;q=1,*/*;q=0.1");
    return client.request(options)
        .compose(req -> req.send())
        .compose(resp -> {
          if (resp.statusCode() / 100 != 2) {
            return Future.failedFuture("HTTP " + resp.statusCode());
          }
          String length = resp.getHeader("Content-Length");
          if (length != null && Long.parseLong(length) > maxBodyBytes) {
            return Future.failedFuture("body over " + maxBodyBytes + " bytes");
          }
          return collect(resp);
        })
        .map(body -> {
          long now = clock.millis();
          TextFormatParser.Result parsed = TextFormatParser.parse(body.toString(StandardCharsets.UTF_8));
          return ScrapeMapper.map(target, parsed, start, (now - start) / 1000.0);
        })
        .otherwise(e -> ScrapeMapper.failed(target, start, (clock.millis() - start) / 1000.0))
        .andThen(ar -> inFlight.decrementAndGet());
  }

  /** Reads the body, failing as soon as it grows over the limit (chunked bodies have no Content-Length). */
  private Future<Buffer> collect(io.vertx.core.http.HttpClientResponse resp) {
    Buffer body = Buffer.buffer();
    io.vertx.core.Promise<Buffer> done = io.vertx.core.Promise.promise();
    resp.handler(chunk -> {
      if (body.length() + chunk.length() > maxBodyBytes) {
        resp.request().reset();
        done.tryFail("body over " + maxBodyBytes + " bytes");
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
  }
}
