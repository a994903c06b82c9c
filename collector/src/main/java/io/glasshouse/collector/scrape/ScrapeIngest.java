package io.glasshouse.collector.scrape;

import io.glasshouse.collector.CollectorMetrics;
import io.glasshouse.collector.validate.DecodedBatch;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.ingest.SampleSink;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Future;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of scraped samples into the engine, the same as remote write's: the collector's {@link SampleValidator}
 * (same limits and reasons), then the {@link SampleSink}, counted in the collector's ingest metrics under
 * {@code protocol="scrape"}. Not atomic: a sample the validator or the engine refuses is counted by reason and
 * the rest of the scrape applies (there is no sender to answer).
 */
final class ScrapeIngest {
  private static final Logger LOG = LoggerFactory.getLogger(ScrapeIngest.class);

  private final SampleSink sink;
  private final SampleValidator validator;
  private final CollectorMetrics metrics;

  ScrapeIngest(SampleSink sink, SampleValidator validator, CollectorMetrics metrics) {
    this.sink = sink;
    this.validator = validator;
    this.metrics = metrics;
  }

  /** Validates and applies; the future says what was refused (null when nothing), and never fails. */
  Future<String> submit(DecodedBatch batch) {
    RejectionTally tally = batch.tally();
    int dropped = tally.dropped().values().stream().mapToInt(Integer::intValue).sum();
    metrics.received(Protocol.SCRAPE, batch.samples().size() + tally.total() + dropped);
    metrics.dropped(Protocol.SCRAPE, tally.dropped());
    List<Sample> valid = validator.validate(Protocol.SCRAPE, batch.samples(), tally);
    metrics.rejected(Protocol.SCRAPE, tally.rejections());
    String refused = tally.isEmpty() ? null : tally.summary();
    if (valid.isEmpty()) {
      return Future.succeededFuture(refused);
    }
    Future<io.glasshouse.rollup.ingest.IngestResult> applied;
    try {
      applied = sink.accept(Protocol.SCRAPE, valid, false);
    } catch (RuntimeException e) {
      applied = Future.failedFuture(e);
    }
    return applied.map(r -> {
      metrics.accepted(Protocol.SCRAPE, r.accepted());
      metrics.rejected(Protocol.SCRAPE, r.rejected());
      if (r.rejected().isEmpty()) {
        return refused;
      }
      RejectionTally engine = new RejectionTally();
      engine.addAll(r.rejected());
      return (refused == null ? "" : refused + "; ") + engine.summary();
    }).recover(e -> {
      String reason = e instanceof OverloadedException ? CollectorMetrics.OVERLOADED
          : e instanceof SeriesLimitException s ? s.reason() : CollectorMetrics.INTERNAL_ERROR;
      metrics.rejected(Protocol.SCRAPE, reason, valid.size());
      if (reason.equals(CollectorMetrics.INTERNAL_ERROR)) {
        LOG.error("rollup engine failed a scrape of {} samples", valid.size(), e);
      }
      return Future.succeededFuture("the engine refused the scrape (" + reason + "): " + e.getMessage());
    });
  }
}
