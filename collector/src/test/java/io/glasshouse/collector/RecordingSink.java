package io.glasshouse.collector;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A sink that records the batches it accepts; can be told to fail instead, like an overloaded engine. */
final class RecordingSink implements SampleSink {
  record Batch(Protocol protocol, List<Sample> samples, boolean atomic) {
  }

  final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
  private volatile Function<List<Sample>, Future<IngestResult>> behaviour =
      s -> Future.succeededFuture(IngestResult.all(s.size()));

  @Override
  public Future<IngestResult> accept(Protocol protocol, List<Sample> samples, boolean atomic) {
    Batch batch = new Batch(protocol, List.copyOf(samples), atomic);
    Future<IngestResult> result = behaviour.apply(samples).onSuccess(r -> batches.add(batch));
    // Counted once the behaviour ran, so a test woken by awaitCalls sees what the behaviour recorded.
    calls.incrementAndGet();
    synchronized (calls) {
      calls.notifyAll();
    }
    return result;
  }

  void failWith(RuntimeException e) {
    behaviour = s -> Future.failedFuture(e);
  }

  void answer(Function<List<Sample>, IngestResult> f) {
    behaviour = s -> Future.succeededFuture(f.apply(s));
  }

  void answerWith(Function<List<Sample>, Future<IngestResult>> f) {
    behaviour = f;
  }

  /** Waits until the sink has been called {@code n} times in all (no sleeping: woken by each call). */
  void awaitCalls(int n) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    synchronized (calls) {
      while (calls.get() < n) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new AssertionError("sink was called " + calls.get() + " times, expected " + n);
        }
        try {
          calls.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  List<Sample> samples() {
    return batches.stream().flatMap(b -> b.samples().stream()).toList();
  }

  Sample only(String metric) {
    List<Sample> found = samples().stream().filter(s -> s.metric().equals(metric)).toList();
    if (found.size() != 1) {
      throw new AssertionError("expected one sample " + metric + ", got " + found + " in " + samples());
    }
    return found.get(0);
  }
}
