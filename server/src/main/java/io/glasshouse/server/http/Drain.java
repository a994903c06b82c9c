package io.glasshouse.server.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first phase of a graceful shutdown, shared by every HTTP verticle of one server: from {@link #begin} on,
 * {@code /health/ready} answers 503 so that load balancers take this node out of rotation, while every request
 * that still arrives (ingest, reads) is served as before for {@code server.drain-delay}. Load balancers and
 * Kubernetes keep routing to a node for a few seconds after its readiness fails (probe period, endpoint
 * propagation); answering those requests, rather than refusing their connections, costs senders nothing. Only
 * then do the verticles stop: new ingest gets 503 with {@code Retry-After}, listeners close, in-flight requests
 * finish (their 2xx still means durable), and the engine checkpoints.
 *
 * <p>The delay is measured on the injected clock, so tests drive it with a manual clock.
 */
public final class Drain {
  /** How often the delay's end is checked against the clock. */
  private static final long POLL_MS = 50;

  private final AtomicBoolean begun = new AtomicBoolean();

  /** Whether shutdown has begun: readiness is then 503. */
  public boolean begun() {
    return begun.get();
  }

  /**
   * Marks the server as shutting down (readiness 503 at once) and completes once {@code delay} has passed on
   * {@code clock}, at once for a zero delay.
   */
  public Future<Void> begin(Vertx vertx, Clock clock, Duration delay) {
    begun.set(true);
    long until = clock.millis() + delay.toMillis();
    if (delay.isZero() || delay.isNegative()) {
      return Future.succeededFuture();
    }
    Promise<Void> over = Promise.promise();
    vertx.setPeriodic(POLL_MS, id -> {
      if (clock.millis() >= until) {
        vertx.cancelTimer(id);
        over.tryComplete();
      }
    });
    return over.future();
  }
}
