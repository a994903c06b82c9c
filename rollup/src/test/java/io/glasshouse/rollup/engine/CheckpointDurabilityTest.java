package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.store.AwkwardLabels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints survive awkward label values, lost replies and cells the store cannot hold. */
class CheckpointDurabilityTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  FaultyStore faulty;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.storeWrapper = s -> faulty = new FaultyStore(s);
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  private long at(int seconds) {
    return T0.plusSeconds(seconds).toEpochMilli();
  }

  private void send(List<Sample> samples) {
    await(fx.engine.accept(Protocol.JSON, samples, true));
  }

  private double total(String service, String metric) {
    return fx.read(service, metric).stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  private List<String> pathValues() {
    List<String> out = new ArrayList<>();
    for (SeriesCells s : fx.read("api", "req")) {
      out.add(s.key().labels().get("path"));
      assertThat(s.cells()).extracting(MinuteCell::increase).containsExactly(1.0);
    }
    return out;
  }

  private static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  @Test
  void everyAwkwardLabelValueSurvivesACheckpointAndARestart() {
    List<String> values = AwkwardLabels.values();
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      samples.add(Sample.deltaCounter("req", Labels.of("service", "api", "instance", "i-" + i + v, "path", v), at(1), 1));
      samples.add(Sample.deltaCounter("req", Labels.of("service", "svc-" + i + v, "instance", v + i), at(1), 1));
    }
    send(samples);
    await(fx.engine.checkpointNow());

    fx.restart();
    assertThat(pathValues()).containsExactlyInAnyOrderElementsOf(values);
    assertThat(await(fx.engine.services())).hasSize(values.size() + 1);

    send(List.of(Sample.deltaCounter("req", Labels.of("service", "api", "path", "a\u001eb"), at(2), 1)));
    fx.crashAndRestart(); // from the journal this time
    assertThat(total("api", "req")).isEqualTo(values.size() + 1);
    fx.restart();
    assertThat(total("api", "req")).isEqualTo(values.size() + 1);
  }

  @Test
  void aCheckpointRetriedAfterItsReplyWasLostDoesNotCountTwice() {
    send(List.of(Sample.deltaCounter("req", Labels.of("service", "api", "instance", "a"), at(1), 5)));
    faulty.failAfterCommit.set(1);

    Future<Void> first = fx.engine.checkpointNow();
    awaitCondition("the engine to see the failed checkpoint",
        () -> fx.registry.counter("glasshouse.store.checkpoint.failures").count() >= 1);
    awaitCondition("the first attempt to fail", first::isComplete);
    assertThat(first.failed()).isTrue(); // its caller hears of the failure rather than waiting across retries
    await(fx.engine.checkpointNow()); // the retry: its generation is committed already

    assertThat(faulty.writes.get()).isGreaterThanOrEqualTo(2);
    assertThat(total("api", "req")).isEqualTo(5);
    fx.restart();
    assertThat(total("api", "req")).isEqualTo(5);
  }

  @Test
  void aCellTheStoreCannotHoldIsQuarantinedAndTheRestOfTheCheckpointCommits() {
    // The engine saturates its own sums (a minute holds at most 2^53 observations), so a cell the store cannot
    // encode no longer comes from ingest; a data folder or a bug still could hand one over: a histogram whose
    // total count wrapped negative is put into the checkpoint in place of the latency cell.
    faulty.rewrite = cp -> new io.glasshouse.rollup.store.Checkpoint(cp.journalSeq(), cp.generation(),
        cp.historyStartMs(), cp.newSeries(), cp.cells().stream().map(row -> row.cell().histogram() == null ? row
            : new io.glasshouse.rollup.store.CellRow(row.seriesId(), wrapped(row.cell()), row.lastTs())).toList(),
        cp.instances(), cp.instanceSeries(), cp.evictedInstanceSeries(), cp.evictedInstances(), cp.retiredSeries());
    Buckets one = new Buckets(new double[] {0.001}, new long[] {1, 0}, 1, 0);
    send(List.of(Sample.histogram("lat", Labels.of("service", "api", "instance", "a"), at(1), Temporality.DELTA, one),
        Sample.deltaCounter("req", Labels.of("service", "api", "instance", "a"), at(1), 3)));

    await(fx.engine.checkpointNow());
    faulty.rewrite = cp -> cp;

    assertThat(fx.registry.get("glasshouse.store.quarantined").functionCounter().count()).isEqualTo(1);
    fx.restart();
    assertThat(total("api", "req")).isEqualTo(3);
    send(List.of(Sample.deltaCounter("req", Labels.of("service", "api", "instance", "a"), at(70), 2)));
    await(fx.engine.checkpointNow());
    assertThat(total("api", "req")).isEqualTo(5);
  }

  private List<Path> segments() {
    try (var s = java.nio.file.Files.list(dir.resolve("journal"))) {
      return s.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long size(Path p) {
    try {
      return java.nio.file.Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private double everything() {
    return await(fx.engine.cells("api", "req", List.of(), T0.toEpochMilli(), fx.clock.millis() + 60_000)).stream()
        .flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  @Test
  void aStoreOutageLongerThanASegmentKeepsSegmentsSmallLosesNothingAndTheirSegmentsGoAfterRecovery() {
    fx.stop();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.storeWrapper = s -> faulty = new FaultyStore(s);
    long segmentBytes = 32 * 1024;
    fx.journalOptions = new io.glasshouse.rollup.journal.JournalOptions(segmentBytes, false);
    fx.start();
    faulty.failBefore.set(Integer.MAX_VALUE);

    int rounds = 40;
    int perRound = 200;
    for (int r = 0; r < rounds; r++) {
      fx.clock.add(Duration.ofMinutes(61)); // a checkpoint is due, and fails
      long now = fx.clock.millis();
      List<Sample> batch = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        batch.add(Sample.deltaCounter("req", Labels.of("service", "api", "instance", "i-" + (i % 7)), now - i, 1));
      }
      send(batch);
    }
    assertThat(segments()).as("segments roll by size while checkpoints fail").hasSizeGreaterThan(3)
        .allSatisfy(p -> assertThat(size(p)).isLessThan(segmentBytes + 16 * 1024));

    faulty.failBefore.set(0);
    await(fx.engine.checkpointNow());
    assertThat(segments()).as("a committed checkpoint deletes the segments it covers").hasSizeLessThanOrEqualTo(2);
    long all = (long) rounds * perRound;
    assertThat(everything()).isEqualTo(all);
    fx.crashAndRestart();
    assertThat(everything()).isEqualTo(all);
  }

  private static io.glasshouse.rollup.series.MinuteCell wrapped(io.glasshouse.rollup.series.MinuteCell c) {
    org.HdrHistogram.Histogram h = io.glasshouse.rollup.series.LatencyHistograms.create();
    h.recordValueWithCount(1000, 1L << 62);
    h.recordValueWithCount(1000, 1L << 62);
    return new io.glasshouse.rollup.series.MinuteCell(c.minuteMs(), c.increase(), c.min(), c.max(), c.sum(), c.count(),
        c.last(), h);
  }
}
