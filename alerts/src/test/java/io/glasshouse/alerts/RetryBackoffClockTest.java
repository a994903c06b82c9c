package io.glasshouse.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.alerts.receiver.HttpSender;
import io.glasshouse.alerts.receiver.RetryPolicy;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry pauses are measured on the injected clock: a manual clock that stands still holds the retry back. */
class RetryBackoffClockTest {
  Vertx vertx;
  TestReceiver hook;
  final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    hook = TestReceiver.start(vertx);
  }

  @AfterEach
  void tearDown() {
    hook.close();
    vertx.close().await();
  }

  /** Awaits a condition by letting the event loop run a few turns (no sleeping on the test thread's own). */
  void until(BooleanSupplier condition) {
    for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
      vertx.timer(10).await();
    }
    assertThat(condition.getAsBoolean()).isTrue();
  }

  @Test
  void theRetryWaitsForTheBackoffOnTheInjectedClockAndNotOnTheWallClock() {
    // full jitter drawn at its bound: the pause before try 2 is exactly the 10-minute initial backoff
    HttpSender sender = new HttpSender(vertx, new RetryPolicy(3, Duration.ofMinutes(10), Duration.ofMinutes(10),
        Duration.ofSeconds(5)), new SimpleMeterRegistry(), clock, bound -> bound);
    hook.failNext.set(1);
    Future<HttpSender.Result> result = sender.post("oncall", "webhook", hook.url("/hook"),
        Buffer.buffer("{\"a\":1}"), Map.of());
    until(() -> hook.requests.get() == 1);
    // the clock stands still for many polls of the pause: no second try
    for (int i = 0; i < 10; i++) {
      vertx.timer(60).await();
    }
    assertThat(hook.requests.get()).isEqualTo(1);
    assertThat(result.isComplete()).isFalse();

    clock.add(Duration.ofMinutes(10).minusSeconds(1));
    for (int i = 0; i < 5; i++) {
      vertx.timer(60).await();
    }
    assertThat(hook.requests.get()).as("one second of backoff still to go").isEqualTo(1);

    clock.add(Duration.ofSeconds(1));
    HttpSender.Result r = result.await();
    assertThat(r.delivered()).isTrue();
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(hook.bodies).hasSize(1);
    sender.close();
  }
}
