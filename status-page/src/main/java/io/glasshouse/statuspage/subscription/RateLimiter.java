package io.glasshouse.statuspage.subscription;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A token bucket per client address on the injected clock: each address may make {@code burst} requests at once
 * and regains {@code perMinute} a minute. Thread-safe; shared by every event-loop verticle. Buckets that have
 * refilled are forgotten when many addresses are tracked, so memory stays bounded.
 */
public final class RateLimiter {
  static final int FORGET_ABOVE = 10_000;

  private final Clock clock;
  private final double burst;
  private final double perMilli;
  private final Map<String, double[]> buckets = new HashMap<>();

  public RateLimiter(Clock clock, int burst, int perMinute) {
    this.clock = clock;
    this.burst = burst;
    this.perMilli = perMinute / 60_000.0;
  }

  /** Takes one token for {@code client}: empty when allowed, else how long until one is available. */
  public synchronized Optional<Duration> acquire(String client) {
    long now = clock.millis();
    if (buckets.size() > FORGET_ABOVE) {
      buckets.values().removeIf(b -> b[0] + (now - (long) b[1]) * perMilli >= burst);
    }
    double[] b = buckets.computeIfAbsent(client, k -> new double[] {burst, now});
    double tokens = Math.min(burst, b[0] + Math.max(0, now - (long) b[1]) * perMilli);
    b[1] = now;
    if (tokens >= 1) {
      b[0] = tokens - 1;
      return Optional.empty();
    }
    b[0] = tokens;
    return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) / perMilli)));
  }
}
