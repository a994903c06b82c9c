package io.glasshouse.collector.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sheds ingest early, before senders time out: tracks the batches the server (all its event-loop routers) has
 * handed to the engine and not yet seen committed (applied, journalled and forced), and refuses new work when
 * the wait it would get passes {@code maxQueueDelay}, when the oldest has already waited that long, or when
 * they hold too many samples.
 *
 * <p>The wait of a new batch is estimated from the drain rate: the samples queued ahead of it plus its own,
 * divided by the samples the engine committed per millisecond while it had work (the busy time of the last
 * one to two {@code maxQueueDelay} spans). A queue that waits on a slow engine therefore sheds as soon as an
 * accepted batch would be answered later than the limit, not only once the oldest batch has passed it: a fixed
 * sample count bounds memory, never the wait (250,000 samples at 2,000 samples/s are two minutes). Until the
 * engine has committed anything the estimate is unknown and only the oldest wait and the count decide.
 *
 * <p>Contract: {@link #check(long)} is a decision on the current state and the injected clock: it returns
 * null to go ahead, or the {@link HttpProblem} (503 with {@code Retry-After}) to answer. {@link #start(long)}
 * registers a batch and {@link Ticket#done()} removes it; the decision never depends on wall time other than
 * the clock's, so tests drive it with a manual clock. Memory it bounds: at most {@code maxQueuedSamples}
 * samples wait on the engine (one batch may pass it only when nothing else waits). Thread-safe: event loops
 * check it concurrently and completions may arrive on any thread; the drain-rate bookkeeping takes a short
 * lock. Two batches checked at the same moment may both pass with the last free room; the overshoot is
 * bounded by one batch per event loop.
 */
public final class LoadShedder {
  private final long maxQueuedSamples;
  private final Duration maxQueueDelay;
  private final Clock clock;
  /** Waiting batches in the order they started: the head is the oldest. */
  private final Queue<Ticket> pending = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedSamples = new AtomicLong();
  private final DrainRate drain;

  public LoadShedder(long maxQueuedSamples, Duration maxQueueDelay, Clock clock) {
    this.maxQueuedSamples = maxQueuedSamples;
    this.maxQueueDelay = maxQueueDelay;
    this.clock = clock;
    this.drain = new DrainRate(Math.max(1, maxQueueDelay.toMillis()));
  }

  /**
   * Whether a batch of {@code samples} (0 before the body is read) may go to the engine now: null when it may,
   * otherwise the 503 to answer.
   */
  public HttpProblem check(long samples) {
    Ticket oldest = pending.peek();
    if (oldest == null) {
      return null; // one batch alone always gets a try: the request limits bound its size
    }
    long now = clock.millis();
    long limit = maxQueueDelay.toMillis();
    long waited = now - oldest.started;
    if (waited > limit) {
      return HttpProblem.unavailable("the rollup engine is slow: a batch has waited " + waited + " ms for it, "
          + "more than collector.max-queue-delay (" + limit + " ms); nothing was applied, "
          + "retry after the Retry-After delay", retryAfter(waited))
          .withReason("queue_delay");
    }
    long queued = queuedSamples.get();
    long estimate = drain.estimateMillis(now, queued > 0, queued + Math.max(1, samples));
    if (estimate > limit) {
      return HttpProblem.unavailable("the rollup engine is slow: it commits about " + drain.perSecond(now, true)
          + " samples/s and " + queued + " wait for it, so this batch would wait about " + estimate
          + " ms, more than collector.max-queue-delay (" + limit + " ms); nothing was applied, "
          + "retry after the Retry-After delay", retryAfter(estimate - limit))
          .withReason("queue_delay");
    }
    if (queued + samples > maxQueuedSamples) {
      return HttpProblem.unavailable("this collector already waits on the engine for " + queued
          + " samples; " + samples + " more would pass collector.max-queued-samples (" + maxQueuedSamples
          + "); nothing was applied, retry after the Retry-After delay", Duration.ofSeconds(1))
          .withReason("queue_full");
    }
    return null;
  }

  private static Duration retryAfter(long ms) {
    return Duration.ofMillis(Math.min(60_000, Math.max(1000, ms)));
  }

  /** Registers a batch of {@code samples} handed to the engine now. */
  public Ticket start(long samples) {
    long now = clock.millis();
    drain.advance(now, queuedSamples.get() > 0);
    Ticket t = new Ticket(samples, now);
    queuedSamples.addAndGet(samples);
    pending.add(t);
    return t;
  }

  /** Samples handed to the engine and not yet committed or refused. */
  public long queuedSamples() {
    return queuedSamples.get();
  }

  /** One batch waiting on the engine. */
  public final class Ticket {
    private final long samples;
    private final long started;
    private final AtomicBoolean done = new AtomicBoolean();

    private Ticket(long samples, long started) {
      this.samples = samples;
      this.started = started;
    }

    /** The engine answered (either way); idempotent. */
    public void done() {
      if (done.compareAndSet(false, true)) {
        drain.drained(clock.millis(), samples);
        pending.remove(this); // at most the batches in flight to scan, and usually the head
        queuedSamples.addAndGet(-samples);
      }
    }
  }
}
