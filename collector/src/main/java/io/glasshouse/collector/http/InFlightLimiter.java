package io.glasshouse.collector.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Bounds the requests one server (every event-loop router of it) has accepted but not answered (body being read, decoding, or waiting for the
 * engine), in all and per client (ingest token), so memory stays bounded when the engine is slow and one
 * sender cannot hold every slot. Thread-safe without locks: event loops share it,
 * and sink futures may complete off the event loop.
 */
public final class InFlightLimiter {
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final int max;
  private final int perClient;
  private final AtomicIntegerArray inFlight; // [0] total, [1 + client] per client

  /**
   * @param max slots in all
   * @param perClient slots one client may hold (use {@code max} for no per-client bound)
   * @param clients number of distinct clients (ingest tokens; 1 when ingest is open)
   */
  public InFlightLimiter(int max, int perClient, int clients) {
    this.max = max;
    this.perClient = Math.min(max, perClient);
    this.inFlight = new AtomicIntegerArray(1 + Math.max(1, clients));
  }

  /** Takes a slot for {@code client} (0-based), or returns the 503 to answer when none is free for it. */
  public HttpProblem tryAcquire(int client) {
    if (!take(0, max)) {
      return HttpProblem.unavailable("this collector is answering " + max + " requests already "
          + "(collector.max-in-flight-requests); retry after the Retry-After delay", RETRY)
          .withReason("in_flight");
    }
    if (!take(1 + client, perClient)) {
      inFlight.decrementAndGet(0);
      return HttpProblem.unavailable("this ingest token already has " + perClient + " requests in flight "
          + "(collector.max-in-flight-per-token); retry after the Retry-After delay", RETRY)
          .withReason("in_flight_per_token");
    }
    return null;
  }

  private boolean take(int i, int bound) {
    while (true) {
      int n = inFlight.get(i);
      if (n >= bound) {
        return false;
      }
      if (inFlight.compareAndSet(i, n, n + 1)) {
        return true;
      }
    }
  }

  /** Returns a slot taken by {@link #tryAcquire} for {@code client}. */
  public void release(int client) {
    inFlight.decrementAndGet(1 + client);
    inFlight.decrementAndGet(0);
  }

  public int inFlight() {
    return inFlight.get(0);
  }

  public int max() {
    return max;
  }
}
