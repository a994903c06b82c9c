package io.glasshouse.collector.http;

import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Sheds ingest early, before senders time out: tracks the batches one router has handed to the engine and not
 * yet seen committed, and refuses new work when they hold too many samples or the oldest has waited too long.
 *
 * <p>Contract: {@link #check(long)} is a pure decision on the current state and the injected clock: it returns
 * null to go ahead, or the {@link HttpProblem} (503 with {@code Retry-After}) to answer. {@link #start(long)}
 * registers a batch and {@link Ticket#done()} removes it; the decision never depends on wall time other than
 * the clock's, so tests drive it with a manual clock. Memory it bounds: at most {@code maxQueuedSamples}
 * samples of one router wait on the engine (one batch may pass it only when nothing else waits). Thread-safe:
 * completions may arrive on any thread.
 */
public final class LoadShedder {
  private final long maxQueuedSamples;
  private final Duration maxQueueDelay;
  private final Clock clock;
  private final Map<Ticket, Long> pending = new IdentityHashMap<>();
  private long queuedSamples;

  public LoadShedder(long maxQueuedSamples, Duration maxQueueDelay, Clock clock) {
    this.maxQueuedSamples = maxQueuedSamples;
    this.maxQueueDelay = maxQueueDelay;
    this.clock = clock;
  }

  /**
   * Whether a batch of {@code samples} (0 before the body is read) may go to the engine now: null when it may,
   * otherwise the 503 to answer.
   */
  public synchronized HttpProblem check(long samples) {
    if (pending.isEmpty()) {
      return null; // one batch alone always gets a try: the request limits bound its size
    }
    long now = clock.millis();
    long oldest = Long.MAX_VALUE;
    for (long started : pending.values()) {
      oldest = Math.min(oldest, started);
    }
    long waited = now - oldest;
    if (waited > maxQueueDelay.toMillis()) {
      return HttpProblem.unavailable("the rollup engine is slow: a batch has waited " + waited + " ms for it, "
          + "more than collector.max-queue-delay (" + maxQueueDelay.toMillis() + " ms); nothing was applied, "
          + "retry after the Retry-After delay", Duration.ofMillis(Math.min(60_000, Math.max(1000, waited))))
          .withReason("queue_delay");
    }
    if (queuedSamples + samples > maxQueuedSamples) {
      return HttpProblem.unavailable("this collector already waits on the engine for " + queuedSamples
          + " samples; " + samples + " more would pass collector.max-queued-samples (" + maxQueuedSamples
          + "); nothing was applied, retry after the Retry-After delay", Duration.ofSeconds(1))
          .withReason("queue_full");
    }
    return null;
  }

  /** Registers a batch of {@code samples} handed to the engine now. */
  public synchronized Ticket start(long samples) {
    Ticket t = new Ticket(samples);
    pending.put(t, clock.millis());
    queuedSamples += samples;
    return t;
  }

  /** Samples handed to the engine and not yet committed or refused. */
  public synchronized long queuedSamples() {
    return queuedSamples;
  }

  private synchronized void done(Ticket t) {
    if (pending.remove(t) != null) {
      queuedSamples -= t.samples;
    }
  }

  /** One batch waiting on the engine. */
  public final class Ticket {
    private final long samples;

    private Ticket(long samples) {
      this.samples = samples;
    }

    /** The engine answered (either way); idempotent. */
    public void done() {
      LoadShedder.this.done(this);
    }
  }
}
