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
  private volatile Function<List<Sample>, Future<IngestResult>> behaviour =
      s -> Future.succeededFuture(IngestResult.all(s.size()));

  @Override
  public Future<IngestResult> accept(Protocol protocol, List<Sample> samples, boolean atomic) {
    Future<IngestResult> result = behaviour.apply(samples);
    if (result.succeeded()) {
      batches.add(new Batch(protocol, List.copyOf(samples), atomic));
    }
    return result;
  }

  void failWith(RuntimeException e) {
    behaviour = s -> Future.failedFuture(e);
  }

  void answer(Function<List<Sample>, IngestResult> f) {
    behaviour = s -> Future.succeededFuture(f.apply(s));
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
