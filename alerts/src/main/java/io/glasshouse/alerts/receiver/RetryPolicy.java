package io.glasshouse.alerts.receiver;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a notification is retried: at most {@code attempts} tries, each cut off after {@code timeout}; before try
 * {@code n+1} a pause drawn uniformly from {@code [0, min(maxBackoff, initialBackoff × 2^(n-1))]} ("full jitter",
 * so receivers recovering from an outage are not hit by every sender at once). Server errors, 429, timeouts and
 * connection failures are retried; other 4xx answers are not (retrying cannot fix them). Immutable.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {
  /** 4 tries, 1 s initial backoff, at most 30 s, 10 s timeout. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30),
      Duration.ofSeconds(10));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("retry attempts must be at least 1, got " + attempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("retry: need 0 <= initial-backoff <= max-backoff and a positive timeout");
    }
  }

  /** The pause before try {@code attempt + 1} (attempt counts from 1), with full jitter. */
  public long backoffMillis(int attempt) {
    return backoffMillis(attempt, Jitter.FULL);
  }

  /** The pause before try {@code attempt + 1}, the jitter drawn by {@code jitter} from the bound. */
  public long backoffMillis(int attempt, Jitter jitter) {
    long cap = initialBackoff.toMillis() << Math.min(30, attempt - 1);
    long bound = Math.min(maxBackoff.toMillis(), cap < 0 ? Long.MAX_VALUE : cap);
    return bound <= 0 ? 0 : Math.max(0, Math.min(bound, jitter.draw(bound)));
  }

  /** Draws a pause from {@code [0, bound]}; {@link #FULL} draws uniformly. */
  @FunctionalInterface
  public interface Jitter {
    /** Uniform over {@code [0, bound]}. */
    Jitter FULL = bound -> ThreadLocalRandom.current().nextLong(bound + 1);

    long draw(long bound);
  }

  /** Whether an HTTP status is worth retrying. */
  public static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }
}
