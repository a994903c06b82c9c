package io.glasshouse.collector.http;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the requests one router has accepted but not answered (body buffered, decoding, or waiting for the
 * engine), so memory stays bounded when the engine is slow. Thread-safe: sink futures may complete off the
 * event loop.
 */
public final class InFlightLimiter {
  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();

  public InFlightLimiter(int max) {
    this.max = max;
  }

  /** Takes a slot, or returns false when all {@code max} are taken. */
  public boolean tryAcquire() {
    while (true) {
      int n = inFlight.get();
      if (n >= max) {
        return false;
      }
      if (inFlight.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Returns a slot taken by {@link #tryAcquire}. */
  public void release() {
    inFlight.decrementAndGet();
  }

  public int inFlight() {
    return inFlight.get();
  }

  public int max() {
    return max;
  }
}
