package io.glasshouse.server.startup;

import io.vertx.core.Future;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Which part of start-up is running, so that a start-up that does not finish in {@code server.start-timeout} says
 * which part did not start in time and what to do, instead of {@code java.util.concurrent.TimeoutException}.
 *
 * <p>Start-up calls {@link #begin} as each part starts (the last call names the part still running);
 * {@link #await} waits for the started server and turns a timeout into a {@link StartTimeoutException} whose
 * message names that part, the limit and the advice. Thread-safe: parts begin on event loops and worker
 * threads while the launcher waits on its own.
 */
public final class StartProgress {
  private volatile String part = "start-up";
  private volatile String advice = "";

  /**
   * Records that {@code part} is starting now.
   *
   * @param part what is starting, as the operator knows it (e.g. "the rollup engine's journal replay (12 MiB)")
   * @param advice what to do if it does not finish in time (may be empty)
   */
  public void begin(String part, String advice) {
    this.advice = advice;
    this.part = part;
  }

  /** The part started last (still running until start-up completes). */
  public String part() {
    return part;
  }

  /**
   * Waits for {@code started} at most {@code limit}; blocks the calling thread (never an event loop).
   *
   * @throws StartTimeoutException when it did not complete in time, naming the part still starting
   * @throws ExecutionException when start-up failed (its cause says what failed)
   */
  public <T> T await(Future<T> started, Duration limit)
      throws StartTimeoutException, ExecutionException, InterruptedException {
    try {
      return started.toCompletionStage().toCompletableFuture().get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      String what = part;
      String todo = advice;
      throw new StartTimeoutException(what + " did not finish within " + seconds(limit)
          + " (server.start-timeout); " + (todo.isEmpty() ? "" : todo + ", or ")
          + "raise server.start-timeout (e.g. 'server: {start-timeout: 10m}') and start again");
    }
  }

  /** Size of the files in {@code dir} (the journal to replay) in MiB, rounded up; 0 when it does not exist. */
  public static long mebibytesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var files = Files.list(dir)) {
      long bytes = files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
      return (bytes + (1 << 20) - 1) >> 20;
    } catch (IOException e) {
      return 0;
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Start-up did not complete within {@code server.start-timeout}; the message names the part and what to do. */
  public static final class StartTimeoutException extends Exception {
    public StartTimeoutException(String message) {
      super(message);
    }
  }
}
