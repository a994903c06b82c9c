package io.glasshouse.collector.http;

/**
 * The rate at which the engine commits samples while it has work: samples committed per millisecond of busy
 * time (time during which at least one batch waited), over the current and the previous span of
 * {@code spanMillis} busy time, so that the rate follows the engine within one or two spans and idle time does
 * not dilute it. Times come from the caller (the injected clock). Thread-safe (a short lock per call).
 */
final class DrainRate {
  private final long spanMillis;
  private long lastMs = Long.MIN_VALUE;
  private long busyMs;
  private long samples;
  private long previousBusyMs;
  private long previousSamples;

  DrainRate(long spanMillis) {
    this.spanMillis = spanMillis;
  }

  /** Moves time on to {@code nowMs}; {@code busy} says whether batches waited since the last call. */
  synchronized void advance(long nowMs, boolean busy) {
    if (lastMs != Long.MIN_VALUE && busy && nowMs > lastMs) {
      busyMs += nowMs - lastMs;
    }
    lastMs = Math.max(lastMs, nowMs);
    if (busyMs >= spanMillis) {
      previousBusyMs = busyMs;
      previousSamples = samples;
      busyMs = 0;
      samples = 0;
    }
  }

  /** A batch of {@code n} samples was committed (or refused by the engine) at {@code nowMs}. */
  synchronized void drained(long nowMs, long n) {
    advance(nowMs, true);
    samples += n;
  }

  /**
   * Estimated milliseconds to drain {@code queued} samples at the recent rate, or -1 while nothing has been
   * drained yet (unknown).
   */
  synchronized long estimateMillis(long nowMs, boolean busy, long queued) {
    advance(nowMs, busy);
    long n = samples + previousSamples;
    if (n == 0) {
      return -1;
    }
    long ms = Math.max(1, busyMs + previousBusyMs);
    return (long) Math.ceil((double) queued * ms / n);
  }

  /** The recent rate in samples per second (0 while unknown). */
  synchronized long perSecond(long nowMs, boolean busy) {
    advance(nowMs, busy);
    long n = samples + previousSamples;
    return n == 0 ? 0 : n * 1000 / Math.max(1, busyMs + previousBusyMs);
  }
}
