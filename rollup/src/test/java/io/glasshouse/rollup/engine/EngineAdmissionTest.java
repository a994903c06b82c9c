package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.glasshouse.rollup.ingest.BatchRefusedException;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.Rejection;
import io.glasshouse.rollup.ingest.SeriesLimitException;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.MinuteCell;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the engine admits: the late window, all-or-nothing batches, cardinality limits, counts that overflow. */
class EngineAdmissionTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    start(EngineFixture.config(1000));
  }

  private void start(RollupConfig config) {
    if (fx != null) {
      fx.stop();
    }
    fx = new EngineFixture(vertx, dir.resolve("data" + System.identityHashCode(config)), config);
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  private static Labels labels(String service, String instance) {
    return Labels.of("service", service, "instance", instance);
  }

  private long now() {
    return fx.clock.millis();
  }

  private IngestResult send(boolean atomic, Sample... samples) {
    return await(fx.engine.accept(Protocol.JSON, List.of(samples), atomic));
  }

  private Throwable refusal(Sample... samples) {
    Throwable t = catchThrowable(() -> fx.engine.accept(Protocol.JSON, List.of(samples), true)
        .toCompletionStage().toCompletableFuture().get());
    return t instanceof ExecutionException e ? e.getCause() : t;
  }

  private double total(String service, String metric) {
    return fx.read(service, metric).stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  // ---- all or nothing ----

  @Test
  void tooLateSampleRefusesAnAtomicBatchWholeNamingTheReason() {
    long late = now() - Duration.ofHours(2).toMillis();
    Throwable t = refusal(Sample.deltaCounter("req", labels("api", "a"), now(), 5),
        Sample.deltaCounter("req", labels("api", "a"), late, 7));

    assertThat(t).isInstanceOf(BatchRefusedException.class).hasMessageContaining("rollup.late-window")
        .hasMessageContaining("nothing in it was applied");
    assertThat(((BatchRefusedException) t).rejections()).extracting(Rejection::reason, Rejection::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("too_late", 1));
    assertThat(total("api", "req")).isZero();
  }

  @Test
  void tooLateSamplesOfANonAtomicBatchAreReportedAndTheRestApplied() {
    long late = now() - Duration.ofHours(2).toMillis();
    IngestResult r = send(false, Sample.deltaCounter("req", labels("api", "a"), now(), 5),
        Sample.deltaCounter("req", labels("api", "a"), late, 7));

    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.rejected()).extracting(Rejection::reason).containsExactly("too_late");
    assertThat(total("api", "req")).isEqualTo(5);
  }

  // ---- cardinality limits ----

  @Test
  void servicesBeyondMaxServicesAreRefusedNamingTheKey() {
    start(EngineFixture.config(1000).withLimits(2, 100, 10_000));
    send(true, Sample.gauge("up", labels("a", "1"), now(), 1), Sample.gauge("up", labels("b", "1"), now(), 1));

    Throwable t = refusal(Sample.gauge("up", labels("c", "1"), now(), 1));
    assertThat(t).isInstanceOf(SeriesLimitException.class).hasMessageContaining("rollup.max-services");
    assertThat(((SeriesLimitException) t).reason()).isEqualTo("service_limit");

    IngestResult r = send(false, Sample.gauge("up", labels("c", "1"), now(), 1),
        Sample.gauge("up", labels("a", "1"), now(), 2));
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.rejected()).extracting(Rejection::reason).containsExactly("service_limit");
    assertThat(await(fx.engine.services())).hasSize(2);
  }

  @Test
  void instancesBeyondMaxInstancesPerServiceAreRefusedAlsoWithinOneBatch() {
    start(EngineFixture.config(1000).withLimits(10, 3, 10_000));
    List<Sample> batch = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      batch.add(Sample.gauge("up", labels("api", "i" + i), now(), 1));
    }
    IngestResult r = await(fx.engine.accept(Protocol.OTLP, batch, false));

    assertThat(r.accepted()).isEqualTo(3);
    assertThat(r.rejected()).singleElement().satisfies(x -> {
      assertThat(x.reason()).isEqualTo("instance_limit");
      assertThat(x.count()).isEqualTo(2);
      assertThat(x.detail()).contains("rollup.max-instances-per-service").contains("api");
    });
    // known instances keep sending; a new one is refused whole in an atomic batch
    assertThat(send(true, Sample.gauge("up", labels("api", "i0"), now(), 2)).accepted()).isEqualTo(1);
    assertThat(refusal(Sample.gauge("up", labels("api", "i0"), now(), 2), Sample.gauge("up", labels("api", "i9"),
        now(), 2))).isInstanceOf(SeriesLimitException.class).hasMessageContaining("instance");
  }

  @Test
  void seriesBeyondMaxTotalSeriesAreRefusedNamingTheKey() {
    // every new series of a new instance costs two: the instance series and, the first time, the rollup series
    start(EngineFixture.config(1000).withLimits(10, 100, 5));
    IngestResult r = send(false, Sample.gauge("a", labels("api", "1"), now(), 1),
        Sample.gauge("a", labels("api", "2"), now(), 1), Sample.gauge("b", labels("api", "1"), now(), 1),
        Sample.gauge("c", labels("api", "1"), now(), 1));

    assertThat(r.accepted()).isEqualTo(3); // a{1}: 2, a{2}: 1, b{1}: 2; c{1} would make 7
    assertThat(r.rejected()).singleElement().satisfies(x -> {
      assertThat(x.reason()).isEqualTo("total_series_limit");
      assertThat(x.detail()).contains("rollup.max-total-series");
    });
    assertThat(refusal(Sample.gauge("d", labels("api", "1"), now(), 1))).isInstanceOf(SeriesLimitException.class)
        .hasMessageContaining("rollup.max-total-series");
  }

  @Test
  void limitsHoldAfterARestart() {
    start(EngineFixture.config(1000).withLimits(1, 1, 100));
    send(true, Sample.counter("req", labels("api", "a"), now(), 1));
    fx.restart();
    assertThat(refusal(Sample.counter("req", labels("api", "b"), now(), 1))).isInstanceOf(SeriesLimitException.class);
    assertThat(refusal(Sample.counter("req", labels("web", "a"), now(), 1))).isInstanceOf(SeriesLimitException.class);
    assertThat(send(true, Sample.counter("req", labels("api", "a"), now(), 4)).accepted()).isEqualTo(1);
  }

  // ---- counts that overflow ----

  @Test
  void deltaHistogramsWhoseSumOverflowsSaturateAndTheCellStillCheckpoints() {
    // issue 6: two {"+Inf": 9e18} delta histograms in one batch wrapped negative; every checkpoint then failed
    Buckets huge = new Buckets(new double[] {0.1}, new long[] {0, 9_000_000_000_000_000_000L},
        9_000_000_000_000_000_000L, 1);
    Sample h = Sample.histogram("lat", labels("api", "a"), now(), Temporality.DELTA, huge);
    send(true, h, h);

    await(fx.engine.checkpointNow());
    assertThat(fx.engine.ready()).isTrue();
    MinuteCell cell = fx.read("api", "lat").get(0).cells().get(0);
    assertThat(cell.count()).isPositive().isEqualTo(CellDelta.MAX_COUNT);
    assertThat(cell.histogram().getTotalCount()).isEqualTo(cell.count());
    assertThat(fx.registry.get("glasshouse.rollup.histogram.saturated").functionCounter().count()).isEqualTo(2);
    fx.restart();
    assertThat(fx.read("api", "lat").get(0).cells().get(0).count()).isEqualTo(CellDelta.MAX_COUNT);
  }

  @Test
  void aCounterGoingNegativeAddsNothingRatherThanANegativeIncrease() {
    send(true, Sample.counter("req", labels("api", "a"), now(), 10));
    send(true, Sample.counter("req", labels("api", "a"), now() + 1, -1_000_000));
    send(true, Sample.counter("req", labels("api", "a"), now() + 2, -999_990));
    send(true, Sample.deltaCounter("jobs", labels("api", "b"), now() + 2, Double.MAX_VALUE));
    send(true, Sample.deltaCounter("jobs", labels("api", "b"), now() + 3, Double.MAX_VALUE));

    assertThat(total("api", "req")).isEqualTo(10 + 0 + 10); // the reset to a negative value counts nothing
    assertThat(total("api", "jobs")).isEqualTo(Double.MAX_VALUE); // saturates, never infinite
    await(fx.engine.checkpointNow());
    assertThat(total("api", "jobs")).isEqualTo(Double.MAX_VALUE);
  }
}
