package io.glasshouse.collector;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A read stream over a list of buffers, honouring pause/fetch, so the web client sends it chunked. */
final class ListStream implements ReadStream<Buffer> {
  private final Deque<Buffer> pending;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean ended;

  ListStream(List<Buffer> buffers) {
    this.pending = new ArrayDeque<>(buffers);
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> handler(Handler<Buffer> h) {
    this.handler = h;
    drain();
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> pause() {
    demand = 0;
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public synchronized ReadStream<Buffer> fetch(long amount) {
    demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
    drain();
    return this;
  }

  @Override
  public synchronized ReadStream<Buffer> endHandler(Handler<Void> h) {
    this.endHandler = h;
    drain();
    return this;
  }

  private void drain() {
    while (handler != null && demand > 0 && !pending.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      handler.handle(pending.poll());
    }
    if (pending.isEmpty() && !ended && endHandler != null && handler != null) {
      ended = true;
      endHandler.handle(null);
    }
  }
}
