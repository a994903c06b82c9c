package io.glasshouse.rollup.ingest;

import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Future;
import java.util.List;

/**
 * Where the collector hands validated samples: the rollup engine.
 *
 * <p>Contract: the returned future succeeds only once everything the batch changed is durable (journalled and
 * forced to disk), so the collector may answer 2xx then. It fails with {@link OverloadedException} when the
 * engine's bounded queue is full (answer 429/503 with {@code Retry-After}). When {@code atomic} is set the
 * batch is all or nothing: if any sample would be refused, the future fails with {@link SeriesLimitException}
 * (a cardinality limit: rollup series of a service, instances of a service, services, total series) or
 * {@link BatchRefusedException} (for example {@code too_late}: older than the late window), naming the reasons;
 * a failed batch changed nothing. When {@code atomic} is false, refused samples are dropped and reported by
 * reason in {@link IngestResult#rejected()} while the rest is applied.
 * May be called from any thread, typically an event loop; it never blocks.
 */
public interface SampleSink {
  Future<IngestResult> accept(Protocol protocol, List<Sample> samples, boolean atomic);
}
