package io.glasshouse.server.e2e;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in tests without sleeping: futures with a timeout, or a condition polled until a deadline. */
public final class Await {
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Await() {
  }

  /** The future's result; fails the test when it fails or takes longer than {@link #TIMEOUT}. */
  public static <T> T result(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed within " + TIMEOUT + ": " + e, e);
    }
  }

  /** The cause the future failed with; fails the test when it succeeds or takes longer than {@link #TIMEOUT}. */
  public static Throwable failure(Future<?> f) {
    try {
      Object value = f.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected the future to fail, it succeeded with " + value);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new AssertionError("future did not complete within " + TIMEOUT + ": " + e, e);
    }
  }

  /** Polls {@code condition} every few milliseconds until it holds; fails the test at the deadline. */
  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(25));
    }
  }
}
