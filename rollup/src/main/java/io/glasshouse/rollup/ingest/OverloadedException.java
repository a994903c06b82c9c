package io.glasshouse.rollup.ingest;

import java.time.Duration;

/** The engine's queue is full; the batch changed nothing and may be retried after {@link #retryAfter()}. */
public final class OverloadedException extends RuntimeException {
  private final transient Duration retryAfter;

  public OverloadedException(String detail, Duration retryAfter) {
    super(detail, null, false, false);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
