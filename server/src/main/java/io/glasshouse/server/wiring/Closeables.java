package io.glasshouse.server.wiring;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a starting server has started so far, closed in the reverse order of starting: by a graceful stop, and by
 * a start-up that fails half way (which then leaves nothing open, so an in-process restart can take the data folder
 * again). Each part registers itself the moment it runs; a part that fails to close is logged and the rest still
 * close.
 */
public final class Closeables {
  private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

  private record Entry(String name, Supplier<Future<Void>> close) {
  }

  private final Deque<Entry> started = new ArrayDeque<>();

  /** Registers a started part; {@code close} runs once, after every part registered later has closed. */
  public synchronized void add(String name, Supplier<Future<Void>> close) {
    started.push(new Entry(name, close));
  }

  /** Registers a started part whose close is synchronous and quick (never blocking I/O: wrap that in a future). */
  public void addSync(String name, Runnable close) {
    add(name, () -> {
      close.run();
      return Future.succeededFuture();
    });
  }

  /** How many parts are registered and not closed yet. */
  public synchronized int size() {
    return started.size();
  }

  /**
   * Closes every registered part, last started first, one after the other; succeeds when all were tried (failures
   * are logged with the part's name). Parts registered while closing are closed too.
   */
  public Future<Void> closeAll() {
    Entry next;
    synchronized (this) {
      next = started.poll();
    }
    if (next == null) {
      return Future.succeededFuture();
    }
    Entry e = next;
    Future<Void> closed;
    try {
      closed = e.close().get();
    } catch (RuntimeException ex) {
      closed = Future.failedFuture(ex);
    }
    return closed.recover(ex -> {
      LOG.warn("closing {} failed: {}", e.name(), ex.toString());
      return Future.succeededFuture();
    }).compose(v -> closeAll());
  }
}
